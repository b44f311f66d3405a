import { ConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { chartComponent, ociChart, stageObjects } from "./index.js";

describe("chartComponent", () => {
  it("GIVEN a chart THEN one app stage emits its OCIRepository, its HelmRelease and the extra resources, all named after the app", () => {
    const chart = ociChart("oci://example.net/charts/demo", "1.0.0");
    const component = chartComponent({
      name: "demo",
      namespace: "tools",
      area: "infrastructure",
      category: "system",
      chart,
      values: { replicas: 2 },
      releaseSpec: { install: { disableHooks: true } },
      resources: [new ConfigMap({ metadata: { name: "extra" } })],
    });
    expect(component.stages.map((s) => s.name)).toEqual(["app"]);
    const [source, release, extra] = stageObjects(component.stages[0]!).map((r) => JSON.parse(JSON.stringify(r)));
    expect(source).toMatchObject({ kind: "OCIRepository", metadata: { name: "demo" }, spec: { ref: { tag: "1.0.0" } } });
    expect(release).toMatchObject({ kind: "HelmRelease", metadata: { name: "demo" }, spec: { chartRef: { name: "demo" }, values: { replicas: 2 }, install: { disableHooks: true, crds: "CreateReplace" } } });
    expect(extra.metadata.name).toBe("extra");
  });
});
