import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineComponent, renderCluster, renderSharedTrees, UserError, type Component } from "@k8s-gitops/core";
import { fixtureContext, hasKubectl, kustomizeBuild, materialize } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { externalSecrets } from "../external-secrets/index.js";
import { baselineComponentName, baselinePolicies } from "./baseline.js";
import { assertOnePolicyOwnerPerNamespace, usesBaselineNetworkPolicy, withBaselineNetworkPolicy } from "./opt-in.js";

const twoStages = (name: string, namespace: string): Component<"app" | "config"> =>
  defineComponent({
    name,
    namespace,
    area: "workloads",
    category: "demo",
    stages: [
      { name: "app", resources: [], kustomizeComponents: ["other"] },
      { name: "config", resources: [] },
    ],
  });

describe("withBaselineNetworkPolicy", () => {
  it("GIVEN a component THEN only its first stage includes the baseline Component and the tree is shipped once", () => {
    const input = twoStages("demo", "demo");
    const output = withBaselineNetworkPolicy(input);
    expect(output.stages[0]?.kustomizeComponents).toEqual(["other", baselineComponentName]);
    expect(output.stages[1]?.kustomizeComponents).toBeUndefined();
    expect(output.shared?.map((tree) => `${tree.type}/${tree.name}`)).toEqual([`component/${baselineComponentName}`]);
    expect(usesBaselineNetworkPolicy(output)).toBe(true);
  });

  it("GIVEN a component THEN the input is left untouched and applying twice changes nothing more", () => {
    const input = twoStages("demo", "demo");
    const before = JSON.stringify(input);
    const once = withBaselineNetworkPolicy(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(usesBaselineNetworkPolicy(input)).toBe(false);
    expect(withBaselineNetworkPolicy(once)).toEqual(once);
  });

  it("GIVEN a kube-system component THEN it is refused, naming the component and namespace", () => {
    const system = twoStages("coredns", "kube-system");
    expect(() => withBaselineNetworkPolicy(system)).toThrow(UserError);
    expect(() => withBaselineNetworkPolicy(system)).toThrow('component "coredns": the baseline network policy cannot be switched on in namespace "kube-system"');
  });
});

describe("assertOnePolicyOwnerPerNamespace", () => {
  it("GIVEN one owner per namespace THEN it passes", () => {
    const components = [withBaselineNetworkPolicy(twoStages("a", "one")), withBaselineNetworkPolicy(twoStages("b", "two")), twoStages("c", "one")];
    expect(() => assertOnePolicyOwnerPerNamespace(components)).not.toThrow();
  });

  it("GIVEN two owners in one namespace THEN a UserError names the namespace and both components", () => {
    const components = [withBaselineNetworkPolicy(twoStages("a", "one")), withBaselineNetworkPolicy(twoStages("b", "one")), twoStages("c", "one")];
    expect(() => assertOnePolicyOwnerPerNamespace(components, "infra")).toThrow(UserError);
    expect(() => assertOnePolicyOwnerPerNamespace(components, "infra")).toThrow('namespace "one": "a", "b"');
    expect(() => assertOnePolicyOwnerPerNamespace(components, "infra")).toThrow(/^cluster infra: /);
  });
});

describe("the baseline in a rendered cluster", () => {
  it.skipIf(!hasKubectl() && !process.env.CI)("GIVEN a component with the baseline THEN its built stage holds the policies in the component's namespace", () => {
    const component = withBaselineNetworkPolicy(externalSecrets(fixtureContext("infra")));
    const cluster = { name: "infra", components: [component] };
    const files = [...renderCluster(cluster), ...renderSharedTrees([cluster])];
    const ksFile = files.find((f) => f.path.endsWith("/external-secrets/ks.yaml"))!;
    const ks = parse(ksFile.content);
    const stageDir = ks.spec.path.replace(/^\.\/generated\//, "");
    const stageKustomization = parse(files.find((f) => f.path === `${stageDir}/kustomization.yaml`)!.content);
    expect(stageKustomization.components).toEqual([`../../../../../components/${baselineComponentName}`]);

    const { dir, cleanup } = materialize(files);
    try {
      // What kustomize-controller does with spec.targetNamespace: build the path with `namespace:` set.
      const flux = join(dir, "flux-view");
      materializeInto(flux, { namespace: ks.spec.targetNamespace, resources: [`../${stageDir}`] });
      const docs = parseAllDocuments(kustomizeBuild(flux)).map((d) => d.toJS());
      const policies = docs.filter((d) => d.kind === "CiliumNetworkPolicy");
      expect(policies.map((p) => p.metadata.name).sort()).toEqual(baselinePolicies().map((p) => p.metadata.name).sort());
      expect(new Set(policies.map((p) => p.metadata.namespace))).toEqual(new Set([component.namespace]));
      expect(docs.some((d) => d.kind === "HelmRelease")).toBe(true);
    } finally {
      cleanup();
    }
  });
});

function materializeInto(dir: string, kustomization: { namespace: string; resources: string[] }): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kustomization.yaml"), JSON.stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...kustomization }));
}
