import { committedOutput, requireSharedData, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";

// The policies as committed in generated/, which `pnpm generate --check` proves are the render of the
// current sources: this file imports no component, so the result cache replays it until they change.
describe("the generated Cilium policies", () => {
  // Needs ../shared/schemas (crds-catalog/cilium.io): fails rather than skips when they are missing.
  it("GIVEN the committed estate THEN every generated Cilium policy validates strictly against the Cilium CRD schemas, and a misspelled field is rejected", () => {
    requireSharedData("schemas");
    const files = committedOutput().files.filter((f) => /\/flows-[^/]+\/app\/ciliumnetworkpolicy-/.test(f.path));
    expect(files.length).toBeGreaterThan(40);
    expect(strictProblems(files)).toEqual([]);
    const broken = files.filter((f) => f.path.endsWith("ciliumnetworkpolicy-flows-default-deny.yaml")).slice(0, 1).map((f) => ({ ...f, content: f.content.replace("fromEntities:", "fromEntitie:") }));
    expect(strictProblems(broken).join("\n")).toMatch(/fromEntitie/);
  });
});
