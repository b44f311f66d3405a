import { describe, expect, it } from "vitest";
import type { AppliedObject } from "./flux-tree.js";
import { resolveValues } from "./helm-releases.js";

const applied = (doc: unknown): AppliedObject => ({ doc, dir: "kubernetes/apps/demo/web/app", appliedBy: "Kustomization flux-system/web", namespaceFromTarget: true });
const release = (valuesFrom: unknown[], values: unknown = {}) => ({
  apiVersion: "helm.toolkit.fluxcd.io/v2",
  kind: "HelmRelease",
  metadata: { name: "app", namespace: "web" },
  spec: { valuesFrom, values },
});
const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-values", namespace: "web" }, data: { "values.yaml": "replicas: 2\nimage:\n  tag: '1.0'\n", host: "app.example.net" } };
const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "app-secret", namespace: "web" }, data: { token: Buffer.from("s3cr3t").toString("base64") } };

describe("resolveValues (helm-controller's valuesFrom)", () => {
  it("GIVEN a ConfigMap's values.yaml and inline values THEN the ConfigMap's are merged first and spec.values on top", () => {
    const { values, problems } = resolveValues(release([{ kind: "ConfigMap", name: "app-values" }], { image: { repository: "r" }, replicas: 3 }), [applied(configMap)]);
    expect({ values, problems }).toEqual({ values: { replicas: 3, image: { tag: "1.0", repository: "r" } }, problems: [] });
  });

  it("GIVEN a targetPath THEN the key's text is set at that path, from a ConfigMap or a Secret (decoded)", () => {
    const refs = [
      { kind: "ConfigMap", name: "app-values", valuesKey: "host", targetPath: "ingress.host" },
      { kind: "Secret", name: "app-secret", valuesKey: "token", targetPath: "auth.token" },
    ];
    expect(resolveValues(release(refs), [applied(configMap), applied(secret)]).values).toEqual({ ingress: { host: "app.example.net" }, auth: { token: "s3cr3t" } });
  });

  it("GIVEN a missing source THEN it is a problem naming kind, namespace, name and key, unless optional", () => {
    const refs = [
      { kind: "ConfigMap", name: "absent" },
      { kind: "Secret", name: "absent-too", optional: true },
    ];
    expect(resolveValues(release(refs), []).problems).toEqual([
      'valuesFrom ConfigMap web/absent key "values.yaml" is not in the tree of this cluster, so its values cannot be known',
    ]);
  });
});
