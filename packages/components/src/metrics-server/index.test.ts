import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, hasKubectl, helmReleaseValues, kustomizeBuild, matchGolden, materialize, strictProblems } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { chart, kubeletInsecureTls, metricsServer, type MetricsServerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: MetricsServerProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [metricsServer(fixtureContext(cluster), props)] });
const doc = (files: GeneratedFile[], suffix: string) => parse(files.find((f) => f.path.endsWith(suffix))!.content);
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describe("metricsServer", () => {
  it("GIVEN the infra inventory THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"))).toBe("");
  });

  it("GIVEN the default render THEN every document passes strict schema validation", () => {
    expect(strictProblems(render("infra"))).toEqual([]);
  });

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

  it.skipIf(!hasKubectl() && !process.env.CI)("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    const files = render("infra");
    const { dir, cleanup } = materialize(files);
    try {
      for (const f of files.filter((file) => file.path.endsWith("kustomization.yaml"))) {
        expect(() => kustomizeBuild(join(dir, dirname(f.path)))).not.toThrow();
      }
    } finally {
      cleanup();
    }
  });
});
