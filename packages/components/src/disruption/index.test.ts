import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { podDisruptionBudget } from "./index.js";

describe("podDisruptionBudget", () => {
  it("GIVEN a workload's selector labels THEN the budget selects them and lets one pod go at a time", () => {
    const pdb = podDisruptionBudget({ name: "api", matchLabels: { app: "api" } });
    expect(pdb.spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: "api" } }, unhealthyPodEvictionPolicy: "AlwaysAllow" });
    expect(pdb.metadata?.namespace).toBeUndefined();
  });

  it("GIVEN no labels or a maxUnavailable below 1 THEN both problems are reported at once", () => {
    expect(() => podDisruptionBudget({ name: "api", matchLabels: {}, maxUnavailable: 0 })).toThrow(UserError);
    try {
      podDisruptionBudget({ name: "api", matchLabels: {}, maxUnavailable: 0 });
    } catch (error) {
      expect((error as UserError).problems).toHaveLength(2);
    }
  });
});
