import { ConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/index.js";
import { componentKustomizations } from "./ks.js";
import { checkGitPath } from "./layout.js";

const ready = "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')";
const issuer = (name: string) => ({ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", metadata: { name }, spec: {} });

describe("componentKustomizations", () => {
  it("GIVEN a stage with healthCheckExprs and wait false THEN every resource of that GroupKind is health-checked once, others are not", () => {
    const component = defineComponent({
      name: "issuers",
      namespace: "cert-manager",
      area: "infrastructure",
      category: "security",
      stages: [
        {
          name: "app",
          resources: [issuer("staging") as never, issuer("production") as never, new ConfigMap({ metadata: { name: "settings" } })],
          healthChecks: [{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", name: "staging", namespace: "cert-manager" }],
          healthCheckExprs: [{ apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", current: ready }],
        },
      ],
    });
    const [ks] = componentKustomizations("infra", component, new Map(), "generated");
    expect(ks!.spec!.wait).toBe(false);
    expect(ks!.spec!.healthChecks).toEqual([
      { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", name: "staging", namespace: "cert-manager" },
      { apiVersion: "cert-manager.io/v1", kind: "ClusterIssuer", name: "production", namespace: "cert-manager" },
    ]);
  });
});

describe("checkGitPath", () => {
  it("GIVEN spellings of a folder or of the root THEN they normalise; GIVEN a path leaving the repository THEN the value is named", () => {
    expect(["generated", "./generated/", "", ".", "./"].map(checkGitPath)).toEqual(["generated", "generated", "", "", ""]);
    for (const bad of ["/abs", "../up", "a/../../b"]) {
      expect(() => checkGitPath(bad)).toThrow(`gitPath ${JSON.stringify(bad)}: must be a folder inside the Git repository, relative to its root ("" for the root itself)`);
    }
  });
});
