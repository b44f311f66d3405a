import { describe, expect, it } from "vitest";
import { OriginIndex } from "./origins.js";

const ks = (name: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n`;
const kustomization = (...resources: string[]) => `resources:\n${resources.map((r) => `  - ${r}\n`).join("")}`;

describe("OriginIndex", () => {
  const index = new OriginIndex([
    { path: "kubernetes/clusters/a/kustomization.yaml", content: kustomization("../../infrastructure/a") },
    { path: "kubernetes/clusters/b/kustomization.yaml", content: kustomization("../../infrastructure/b") },
    { path: "kubernetes/infrastructure/a/kustomization.yaml", content: kustomization("./cilium/ks.yaml") },
    { path: "kubernetes/infrastructure/b/kustomization.yaml", content: kustomization("./cilium/ks.yaml") },
    { path: "kubernetes/infrastructure/a/cilium/ks.yaml", content: ks("cilium") },
    { path: "kubernetes/infrastructure/b/cilium/ks.yaml", content: ks("cilium") },
    { path: "kubernetes/bases/x/kustomization.yaml", content: kustomization("./only.yaml") },
    { path: "kubernetes/bases/x/only.yaml", content: ks("only") },
  ]);

  it("GIVEN the same object name in two clusters THEN the file the built folder reads (through other folders) is chosen", () => {
    expect(index.filesOf({ kind: "Kustomization", metadata: { name: "cilium" } }, ["kubernetes/clusters/b"])).toEqual(["kubernetes/infrastructure/b/cilium/ks.yaml"]);
  });

  it("GIVEN an identical document from both clusters' builds THEN both files are named", () => {
    expect(index.filesOf({ kind: "Kustomization", metadata: { name: "cilium" } }, ["kubernetes/clusters/a", "kubernetes/clusters/b"])).toEqual([
      "kubernetes/infrastructure/a/cilium/ks.yaml",
      "kubernetes/infrastructure/b/cilium/ks.yaml",
    ]);
  });

  it("GIVEN an object no file defines (a generator's output) THEN the built folder is named", () => {
    expect(index.filesOf({ kind: "ConfigMap", metadata: { name: "generated-abc" } }, ["kubernetes/clusters/a"])).toEqual(["kubernetes/clusters/a"]);
  });
});
