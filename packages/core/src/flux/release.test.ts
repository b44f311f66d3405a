import { ConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/index.js";
import { UserError } from "../errors/index.js";
import { componentKustomizations } from "../render/ks.js";
import { renderCluster } from "../render/index.js";
import { helmRelease, ociChart, repositoryChart, stageObjects, type Release } from "./index.js";

const oci = ociChart("oci://registry.example.net/charts/demo", "1.2.3");
const classic = repositoryChart("example", "https://charts.example.net", "tool", "4.5.6");

const component = (releases: Release[], resources = [new ConfigMap({ metadata: { name: "extra" } })]) =>
  defineComponent({ name: "demo", namespace: "tools", area: "infrastructure", category: "system", stages: [{ name: "app", releases, resources }] });

describe("a stage's releases", () => {
  it("GIVEN an OCI and a repository release THEN the stage emits each one's source and HelmRelease before its other resources", () => {
    const objects = stageObjects(component([{ name: "demo", chart: oci, values: { replicas: 2 } }, { name: "tool", chart: classic }]).stages[0]!);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual(["OCIRepository/demo", "HelmRelease/demo", "HelmRepository/example", "HelmRelease/tool", "ConfigMap/extra"]);
    const [, demo, , tool] = objects.map((o) => JSON.parse(JSON.stringify(o)));
    expect(demo.spec).toMatchObject({ chartRef: { kind: "OCIRepository", name: "demo" }, values: { replicas: 2 } });
    expect(tool.spec.chart.spec).toMatchObject({ chart: "tool", version: "4.5.6", sourceRef: { kind: "HelmRepository", name: "example" } });
    expect(tool.spec.values).toBeUndefined();
  });

  it("GIVEN release options THEN they are deep-merged over the generated HelmRelease spec", () => {
    const [, release] = stageObjects(component([{ name: "demo", chart: oci, options: { timeout: "20m", install: { disableHooks: true } } }]).stages[0]!);
    expect(JSON.parse(JSON.stringify(release)).spec).toMatchObject({ timeout: "20m", install: { disableHooks: true, crds: "CreateReplace", remediation: { retries: -1 } } });
  });

  it("GIVEN a stage with releases THEN its Flux Kustomization health-checks every HelmRelease in declaration order", () => {
    const [ks] = componentKustomizations("infra", component([{ name: "demo", chart: oci }, { name: "tool", chart: classic }]), new Map(), "generated");
    expect(ks!.spec!.healthChecks).toEqual([
      { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "demo", namespace: "tools" },
      { apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "tool", namespace: "tools" },
    ]);
  });

  it("GIVEN a stage whose only content is a release THEN it renders the source, the HelmRelease and the kustomization listing them", () => {
    const files = renderCluster({ name: "infra", components: [component([{ name: "demo", chart: oci }], [])] });
    expect(files.map((f) => f.path).filter((p) => p.includes("/demo/app/"))).toEqual([
      "kubernetes/infrastructure/infra/system/demo/app/helmrelease.yaml",
      "kubernetes/infrastructure/infra/system/demo/app/kustomization.yaml",
      "kubernetes/infrastructure/infra/system/demo/app/ocirepository.yaml",
    ]);
  });

  it("GIVEN a HelmRelease among a stage's plain resources THEN defineComponent refuses it and points at the releases", () => {
    const stray = helmRelease({ name: "stray", chart: oci });
    const build = () => component([], [stray as never]);
    expect(build).toThrow(UserError);
    expect(build).toThrow('component "demo", stage "app": HelmRelease "stray" is a plain resource; declare it in the stage\'s releases');
  });
});
