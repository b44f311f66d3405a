import { describe, expect, it } from "vitest";
import { addResource, canVerify, fluxKustomization, minimalTree, verifyFiles } from "./test-support.js";

describe.skipIf(!canVerify())("namespace", () => {
  it("GIVEN a targetNamespace no Namespace object creates THEN the Kustomization is reported once, not every object in it", async () => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/ks.yaml"] = fluxKustomization("web", "kubernetes/apps/demo/web/app", "  targetNamespace: webb\n");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual([
      'namespace: kubernetes/apps/demo/web/ks.yaml: Kustomization flux-system/web: spec.targetNamespace is "webb", which no Namespace applied on cluster demo creates',
    ]);
  });

  it("GIVEN an object with an explicit namespace nobody creates THEN the object is reported", async () => {
    const files = minimalTree();
    addResource(files, "kubernetes/clusters/demo", "./settings.yaml");
    files["kubernetes/clusters/demo/settings.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: tools\ndata:\n  a: b\n";
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual(['namespace: kubernetes/clusters/demo/settings.yaml: ConfigMap tools/settings is in namespace "tools", which no Namespace applied on cluster demo creates']);
  });

  it("GIVEN kube-system, which the API server creates THEN using it needs no Namespace object", async () => {
    const files = minimalTree();
    addResource(files, "kubernetes/clusters/demo", "./settings.yaml");
    files["kubernetes/clusters/demo/settings.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: kube-system\ndata:\n  a: b\n";
    expect((await verifyFiles(files)).lines).toEqual([]);
  });
});
