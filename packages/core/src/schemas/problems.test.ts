import { describe as suite, expect, test } from "vitest";
import { describeProblem, describeDocument, pointerTokens, toPointer, valueAtPointer } from "./problems.js";

suite("problem formatting", () => {
  test("GIVEN namespaced and cluster-scoped objects WHEN described THEN Kind namespace/name or Kind name is shown", () => {
    expect(describeDocument({ kind: "HelmRelease", metadata: { name: "cilium", namespace: "kube-system" } })).toBe(
      "HelmRelease kube-system/cilium",
    );
    expect(describeDocument({ kind: "Namespace", metadata: { name: "flux-system" } })).toBe("Namespace flux-system");
    expect(describeProblem({ kind: "Namespace", metadata: { name: "x" } }, { path: "", message: "m" })).toBe("Namespace x: (root): m");
  });

  test("GIVEN keys with / and ~ WHEN encoded and decoded as a JSON pointer THEN they round-trip", () => {
    const tokens = ["metadata", "annotations", "kustomize.toolkit.fluxcd.io/ssa", "a~b"];
    expect(pointerTokens(toPointer(tokens))).toEqual(tokens);
    const doc = { metadata: { annotations: { "kustomize.toolkit.fluxcd.io/ssa": "IfNotPresent" } } };
    expect(valueAtPointer(doc, toPointer(tokens.slice(0, 3)))).toBe("IfNotPresent");
    expect(valueAtPointer(doc, "/metadata/missing/deeper")).toBeUndefined();
  });
});
