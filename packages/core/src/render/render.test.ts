import { ConfigMap, Secret } from "kubernetes-models/v1";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { defineComponent, ref, type Component, type Ref } from "../component/index.js";
import { ociChart } from "../flux/index.js";
import { kubectlRequired, kustomizeBuild, materialize } from "../testing/index.js";
import { renderCluster, renderSharedTrees } from "./index.js";

const chart = ociChart("oci://example.net/charts/demo", "1.2.3");

function app(name: string, namespace: string, deps: Ref[] = [], extra: Partial<Component> = {}): Component {
  return defineComponent({
    name,
    namespace,
    area: "infrastructure",
    category: "core",
    dependsOn: deps,
    stages: [
      { name: "app", releases: [{ name, chart, values: { replicas: 2 } }], resources: [] },
      { name: "config", resources: [new ConfigMap({ metadata: { name: `${name}-settings` }, data: { mode: "on" } })] },
    ],
    ...extra,
  });
}

const ksOf = (files: ReturnType<typeof renderCluster>, path: string) =>
  files
    .find((f) => f.path === path)!
    .content.split(/^---$/m)
    .slice(1)
    .map((doc) => parse(doc));

describe("renderCluster", () => {
  it("GIVEN typed references THEN each Flux Kustomization depends on the referenced stage, with namespace", () => {
    const certs = app("certs", "security");
    const web = app("web", "web", [ref(certs, "config")]);
    const files = renderCluster({ name: "infra", components: [certs, web] });
    const [webApp, webConfig] = ksOf(files, "kubernetes/infrastructure/infra/core/web/ks.yaml");
    expect(webApp.metadata).toMatchObject({ name: "web", namespace: "web" });
    expect(webApp.spec.dependsOn).toEqual([{ name: "certs-config", namespace: "security" }]);
    expect(webApp.spec.path).toBe("./generated/kubernetes/infrastructure/infra/core/web/app");
    expect(webApp.spec.healthChecks).toEqual([{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "web", namespace: "web" }]);
    expect(webConfig.metadata.name).toBe("web-config");
    expect(webConfig.spec.dependsOn).toEqual([{ name: "web", namespace: "web" }]);
  });

  it("GIVEN a reference without a stage THEN it means the target's last stage", () => {
    const certs = app("certs", "security");
    const files = renderCluster({ name: "infra", components: [certs, app("web", "web", [ref(certs)])] });
    expect(ksOf(files, "kubernetes/infrastructure/infra/core/web/ks.yaml")[0].spec.dependsOn).toEqual([{ name: "certs-config", namespace: "security" }]);
  });

  it("GIVEN a reference to a component the cluster does not run THEN the error names both ends", () => {
    const missing = app("vault", "secrets");
    expect(() => renderCluster({ name: "apps", components: [app("web", "web", [ref(missing)])] })).toThrow(
      "component web/web (stage app) in cluster apps depends on secrets/vault, which cluster apps does not run",
    );
  });

  it("GIVEN a dependency cycle THEN the error lists the cycle", () => {
    const a = app("a", "ns-a", [{ name: "b", namespace: "ns-b" }]);
    const b = app("b", "ns-b", [{ name: "a", namespace: "ns-a", stage: "app" }]);
    expect(() => renderCluster({ name: "infra", components: [a, b] })).toThrow(
      "dependency cycle in cluster infra: ns-a/a (stage app) -> ns-b/b (stage config) -> ns-b/b (stage app) -> ns-a/a (stage app)",
    );
  });

  it("GIVEN a reference to an unknown stage THEN the error lists the stages that exist", () => {
    const certs = app("certs", "security");
    expect(() => renderCluster({ name: "infra", components: [certs, app("web", "web", [{ ...ref(certs), stage: "issuers" }])] })).toThrow(
      'depends on stage "issuers" of security/certs, which has only: app, config',
    );
  });

  it("GIVEN an invalid model THEN the error names cluster, component, resource and JSON path", () => {
    const broken = defineComponent({
      name: "broken",
      namespace: "demo",
      area: "workloads",
      category: "apps",
      stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "x" }, data: { n: 5 as unknown as string } })] }],
    });
    expect(() => renderCluster({ name: "apps", components: [broken] })).toThrow(
      "cluster apps, component demo/broken, stage app: ConfigMap x is invalid: /data/n: must be string",
    );
  });

  it("GIVEN a resource without kind THEN the error names cluster, component and stage instead of a TypeError", () => {
    const kindless = defineComponent({
      name: "kindless",
      namespace: "demo",
      area: "workloads",
      category: "apps",
      stages: [{ name: "app", resources: [{ metadata: { name: "x" } } as unknown as ConfigMap] }],
    });
    expect(() => renderCluster({ name: "apps", components: [kindless] })).toThrow(
      'cluster apps, component demo/kindless, stage app: a resource has no apiVersion and no kind: {"metadata":{"name":"x"}}',
    );
  });

  it("GIVEN a Secret with plain data THEN rendering refuses it", () => {
    const leaky = defineComponent({
      name: "leaky",
      namespace: "demo",
      area: "workloads",
      category: "apps",
      stages: [{ name: "app", resources: [new Secret({ metadata: { name: "token" }, stringData: { token: "hunter2" } })] }],
    });
    expect(() => renderCluster({ name: "apps", components: [leaky] })).toThrow("Secret token holds plain secret data");
  });

  it("GIVEN two clusters THEN each has its own entry point, namespaces and area folders", () => {
    const infra = renderCluster({ name: "infra", components: [app("certs", "security")] });
    const paths = infra.map((f) => f.path);
    expect(paths).toContain("kubernetes/clusters/infra/kustomization.yaml");
    expect(paths).toContain("kubernetes/clusters/infra/namespaces.yaml");
    expect(paths).toContain("kubernetes/infrastructure/infra/core/certs/app/helmrelease.yaml");
    expect(paths).toContain("kubernetes/infrastructure/infra/core/certs/app/ocirepository.yaml");
    expect(new Set(infra.map((f) => f.scope))).toEqual(new Set(["cluster:infra"]));
  });

  it.skipIf(!kubectlRequired())("GIVEN a rendered cluster THEN every kustomization builds with kubectl kustomize", () => {
    const components = [app("certs", "security"), app("web", "web", [ref(app("certs", "security"))], { stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "w" } })], bases: ["demo-base"], kustomizeComponents: ["demo-component"] }] })];
    const shared = defineComponent({
      name: "provider",
      namespace: "security",
      area: "infrastructure",
      category: "core",
      stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "p" } })] }],
      shared: [
        { type: "base", name: "demo-base", resources: [new ConfigMap({ metadata: { name: "from-base" } })] },
        { type: "component", name: "demo-component", resources: [new ConfigMap({ metadata: { name: "from-component" } })] },
      ],
    });
    const cluster = { name: "infra", components: [...components, shared] };
    const files = [...renderCluster(cluster), ...renderSharedTrees([cluster])];
    const { dir, cleanup } = materialize(files);
    try {
      const dirs = files.filter((f) => f.path.endsWith("/kustomization.yaml")).map((f) => f.path.replace(/\/kustomization\.yaml$/, ""));
      expect(dirs.length).toBeGreaterThan(8);
      for (const d of dirs) expect(() => kustomizeBuild(`${dir}/${d}`), d).not.toThrow();
      const web = kustomizeBuild(`${dir}/kubernetes/infrastructure/infra/core/web/app`);
      expect(web).toContain("name: from-base");
      expect(web).toContain("name: from-component");
      const entry = kustomizeBuild(`${dir}/kubernetes/clusters/infra`);
      expect(entry).toContain("kind: Namespace");
      expect(entry.match(/kind: Kustomization/g)?.length).toBe(4);
    } finally {
      cleanup();
    }
  });
});

describe("resourceFileNames", () => {
  it("GIVEN a Flux Kustomization resource THEN its file is never kustomization.yaml", async () => {
    const { resourceFileNames } = await import("./resource-files.js");
    const { fluxKustomization } = await import("../flux/index.js");
    const ks = fluxKustomization({ name: "crds", namespace: "kube-system", path: "./x" });
    expect(resourceFileNames([ks]).map((f) => f.file)).toEqual(["kustomization-crds.yaml"]);
  });
});

describe("kustomizationNamespace", () => {
  it("GIVEN a component whose Kustomizations live in flux-system THEN its ks.yaml and its dependants' dependsOn say so", () => {
    const tenant = app("team-a", "team-a", [], { kustomizationNamespace: "flux-system" });
    const web = app("web", "web", [ref(tenant)]);
    const files = renderCluster({ name: "apps", components: [tenant, web] });
    const [tenantApp] = ksOf(files, "kubernetes/infrastructure/apps/core/team-a/ks.yaml");
    expect(tenantApp.metadata.namespace).toBe("flux-system");
    expect(tenantApp.spec.targetNamespace).toBe("team-a");
    expect(ksOf(files, "kubernetes/infrastructure/apps/core/web/ks.yaml")[0].spec.dependsOn).toEqual([{ name: "team-a-config", namespace: "flux-system" }]);
  });
});
