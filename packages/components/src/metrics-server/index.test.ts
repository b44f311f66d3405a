import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, kubeletInsecureTls, metricsServer, type MetricsServerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: MetricsServerProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [metricsServer(fixtureContext(cluster), props)] });
const doc = (files: GeneratedFile[], suffix: string) => parse(files.find((f) => f.path.endsWith(suffix))!.content);
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("metricsServer", {
  dir: here,
  clusters: ["infra"],
  render: (c) => render(c),
  charts: [{ chart }],
});

describe("metricsServer", () => {
  it("GIVEN both clusters THEN the values are the same: nothing comes from the inventory", () => {
    expect(releaseValues(render("apps"))).toEqual(releaseValues(render("infra")));
  });

  it("GIVEN the default values THEN the kubelet's self-signed serving certificate is accepted and metrics are scraped", () => {
    const values = releaseValues(render("infra"));
    expect(values.args).toEqual([kubeletInsecureTls]);
    expect(values.metrics).toEqual({ enabled: true });
    expect(values.serviceMonitor).toEqual({ enabled: true });
    expect(values.replicas).toBe(2);
    expect(values.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
  });

  it("GIVEN the chart from the upstream Helm repository THEN the HelmRelease references the HelmRepository at the pinned version", () => {
    const files = render("infra");
    expect(doc(files, "/app/helmrepository.yaml").spec.url).toBe(chart.repository);
    expect(doc(files, "/app/helmrelease.yaml").spec.chart.spec).toMatchObject({
      chart: "metrics-server",
      version: chart.version,
      sourceRef: { kind: "HelmRepository", name: chart.repositoryName },
    });
  });

  it("GIVEN verified kubelet TLS via an args override THEN the flag is gone and sibling defaults stay", () => {
    const values = releaseValues(render("infra", { values: { args: [] } }));
    expect(values.args).toEqual([]);
    expect(values.metrics).toEqual({ enabled: true });
    expect(values.podDisruptionBudget).toEqual({ enabled: true, minAvailable: 1 });
  });
});
