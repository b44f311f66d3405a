import { describe, expect, it } from "vitest";
import { findCycles } from "./flux-graph.js";
import { addResource, canVerify, fluxKustomization, minimalTree, verifyFiles } from "./test-support.js";

describe("findCycles", () => {
  it("GIVEN a graph with a 2-cycle, a self-loop and an acyclic branch THEN each cycle is found once, from its smallest node", () => {
    const nodes = new Map([
      ["b", { dependsOn: ["a"] }],
      ["a", { dependsOn: ["b", "c"] }],
      ["c", { dependsOn: ["d"] }],
      ["d", { dependsOn: [] }],
      ["e", { dependsOn: ["e"] }],
    ]);
    expect(findCycles(nodes)).toEqual([["a", "b"], ["e"]]);
  });

  it("GIVEN a chain without cycles THEN nothing is found", () => {
    expect(findCycles(new Map([["a", { dependsOn: ["b"] }], ["b", { dependsOn: [] }]]))).toEqual([]);
  });
});

const webKs = (extra: string): string => fluxKustomization("web", "kubernetes/apps/demo/web/app", `  targetNamespace: web\n${extra}`);

describe.skipIf(!canVerify())("flux-graph", () => {
  it("GIVEN a dependsOn target that does not exist THEN the Kustomization, the entry and the cluster are named", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = webKs("  dependsOn:\n    - name: flux-instance\n    - name: databse\n");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "flux-graph: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.dependsOn[1] Kustomization flux-system/databse does not exist on cluster demo",
    ]);
  });

  it("GIVEN two Kustomizations that depend on each other THEN the cycle is reported as a path", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = webKs("  dependsOn:\n    - name: flux-instance\n");
    files["kubernetes/apps/demo/flux/ks.yaml"] = fluxKustomization(
      "flux-instance",
      "kubernetes/apps/demo/flux/app",
      "  targetNamespace: flux-system\n  dependsOn:\n    - name: web\n",
    );
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "flux-graph: kubernetes/apps/demo/flux/ks.yaml: dependsOn cycle on cluster demo: Kustomization flux-system/flux-instance -> flux-system/web -> flux-system/flux-instance",
    ]);
  });

  it("GIVEN a HelmRelease whose chartRef names a missing source THEN the missing source is named", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace(
      "    name: cert-manager\n",
      "    name: certmanager\n",
    );
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "flux-graph: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager: spec.chartRef OCIRepository web/certmanager does not exist on cluster demo",
    ]);
  });

  it("GIVEN a Kustomization whose sourceRef names a missing GitRepository THEN it is reported", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = webKs("").replace(/name: flux-system\n {4}namespace: flux-system/, "name: flux-sytem\n    namespace: flux-system");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      "flux-graph: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.sourceRef GitRepository flux-system/flux-sytem does not exist on cluster demo",
    ]);
  });

  it("GIVEN a HelmRelease whose source lives in another namespace THEN the namespace mismatch is reported", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace(
      "    name: cert-manager\n",
      "    name: cert-manager\n    namespace: flux-system\n",
    );
    // The source now exists in flux-system too, so only the namespace differs.
    addResource(files, "kubernetes/apps/demo/flux/app", "./ocirepository.yaml");
    files["kubernetes/apps/demo/flux/app/ocirepository.yaml"] = files["kubernetes/apps/demo/web/app/ocirepository.yaml"]!;
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      'flux-graph: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager: spec.chartRef.namespace "flux-system" differs from the HelmRelease\'s namespace "web"',
    ]);
  });
});
