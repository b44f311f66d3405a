import { describe, expect, it } from "vitest";
import { renderCluster, renderSharedTrees } from "../render/index.js";
import { documentsOfKind } from "../testing/index.js";
import { fixtureClusters } from "./__fixtures__/clusters.js";
import { componentRows } from "./components.js";

describe("componentRows", () => {
  const clusters = fixtureClusters();
  const infra = clusters[0]!;
  const rows = componentRows(infra);

  it("GIVEN the rendered Flux tree THEN every HelmRelease it contains, including those in shared bases, has exactly one row", () => {
    const files = [...renderCluster(infra), ...renderSharedTrees([infra])];
    const rendered = documentsOfKind(files, "HelmRelease").map((hr) => hr.metadata.name).sort();
    expect(rendered).toEqual(["certs", "demo-operator", "metrics"]);
    expect(rows.filter((row) => row.release !== "").map((row) => row.release).sort()).toEqual(rendered);
  });

  it("GIVEN OCI, Helm repository and shared-base charts THEN each row shows the pinned chart, version and source", () => {
    const byRelease = (release: string) => rows.find((row) => row.release === release);
    expect(byRelease("certs")).toMatchObject({ chart: "cert-manager", version: "v1.2.3", source: "oci://registry.example.net/charts/cert-manager", stage: "app" });
    expect(byRelease("metrics")).toMatchObject({ chart: "metrics-server", version: "3.4.5", source: "https://charts.example.net/metrics" });
    expect(byRelease("demo-operator")).toMatchObject({
      component: "operator",
      chart: "demo-operator",
      version: "2.3.4",
      source: "oci://registry.example.net/charts/demo-operator",
      kustomization: "operator",
      namespace: "demo-system",
    });
  });

  it("GIVEN a component without HelmRelease THEN it still has one row, naming its stages and Flux Kustomizations", () => {
    expect(rows.filter((row) => row.component === "web")).toEqual([
      { component: "web", group: "workloads/apps", namespace: "web", stage: "app", kustomization: "web", release: "", chart: "", version: "", source: "" },
    ]);
  });

  it("GIVEN components in any order THEN the rows come sorted by folder, then component", () => {
    const reversed = componentRows({ ...infra, components: [...infra.components].reverse() });
    expect(reversed).toEqual(rows);
    const keys = rows.map((row) => `${row.group} ${row.component}`);
    expect(keys).toEqual([...keys].sort());
  });
});
