import { describe, expect, it } from "vitest";
import { normaliseSourcePath, repoPrefixOf } from "./flux-tree.js";
import { canVerify, fluxKustomization, minimalTree, verifyFiles } from "./test-support.js";

describe("repository paths", () => {
  it("GIVEN sync paths written the ways Flux accepts THEN the prefix before kubernetes/clusters/<cluster> is found", () => {
    expect(repoPrefixOf("./generated/kubernetes/clusters/infra", "infra")).toBe("generated");
    expect(repoPrefixOf("generated/kubernetes/clusters/infra/", "infra")).toBe("generated");
    expect(repoPrefixOf("./kubernetes/clusters/infra", "infra")).toBe("");
    expect(repoPrefixOf("./generated/kubernetes/clusters/apps", "infra")).toBeUndefined();
    expect(normaliseSourcePath("/a/./b/../c")).toBe("a/c");
  });
});

describe.skipIf(!canVerify())("flux-path", () => {
  it("GIVEN a Flux Kustomization whose spec.path points nowhere THEN the problem names its file, the path and the folder looked for", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization("web", "kubernetes/apps/demo/web/appp", "  targetNamespace: web\n");
    const { lines } = await verifyFiles(files);
    expect(lines).toContain(
      'flux-path: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.path "./generated/kubernetes/apps/demo/web/appp" does not exist (kubernetes/apps/demo/web/appp)',
    );
  });

  it("GIVEN a spec.path outside the generated folder THEN it is reported as such", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization("web", "kubernetes/apps/demo/web/app", "  targetNamespace: web\n").replace(
      "./generated/kubernetes",
      "./other/kubernetes",
    );
    const { lines } = await verifyFiles(files);
    expect(lines).toContain(
      'flux-path: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.path "./other/kubernetes/apps/demo/web/app" is outside generated/, the folder that holds the generated tree',
    );
  });

  it("GIVEN spec.components with a component that does not exist THEN the missing entry is named", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization(
      "web",
      "kubernetes/apps/demo/web/app",
      "  targetNamespace: web\n  components:\n    - ../../../../components/missing\n",
    );
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      'flux-path: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.components[0] "../../../../components/missing" does not exist (kubernetes/components/missing)',
    ]);
  });

  it("GIVEN spec.components with an existing component THEN the objects the component adds are applied (and checked)", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization(
      "web",
      "kubernetes/apps/demo/web/app",
      "  targetNamespace: web\n  components:\n    - ../../../../components/extra\n",
    );
    files["kubernetes/components/extra/kustomization.yaml"] =
      "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - ./helmrelease.yaml\n";
    // Only the Flux walk sees the component's HelmRelease in cluster demo, so only it can find the dangling dependsOn.
    files["kubernetes/components/extra/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!
      .replace("name: cert-manager\nspec:", "name: extra\nspec:\n  dependsOn:\n    - name: database")
      .replace("  values:\n    replicaCount: 2\n    podDisruptionBudget:\n      enabled: true\n", "");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "flux-graph: kubernetes/components/extra/helmrelease.yaml: HelmRelease web/extra: spec.dependsOn[0] HelmRelease web/database does not exist on cluster demo",
    ]);
  });

  it("GIVEN no FluxInstance syncs the cluster folder THEN the cluster entry point is reported", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/flux/app/fluxinstance.yaml"] = files["kubernetes/apps/demo/flux/app/fluxinstance.yaml"]!.replace("clusters/demo", "clusters/other");
    const { lines } = await verifyFiles(files);
    expect(lines).toContain(
      "flux-path: kubernetes/clusters/demo: no FluxInstance applied on cluster demo syncs this folder (a spec.sync.path ending in kubernetes/clusters/demo)",
    );
  });
});
