import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import { describe, expect, it } from "vitest";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { formatProblemLine } from "./problems.js";
import { canVerify } from "./test-support.js";
import { verifyTree } from "./verify-tree.js";

describe("the rendered estate", () => {
  it("GIVEN two renders THEN they are byte-identical", async () => {
    const first = renderEstate(await loadInventories());
    const again = renderEstate(await loadInventories());
    expect(again.files).toEqual(first.files);
  });
});

// The one full run of the suite: the committed tree (`pnpm generate --check` keeps it equal to the render).
describe.skipIf(!canVerify())("pnpm verify on the committed generated/", () => {
  it("GIVEN generated/ THEN there is no problem, and every count is non-zero", async () => {
    // Rendering every release with helm and proving every value takes minutes cold; `pnpm verify`
    // (in the test command) runs it on the same tree, so this run checks everything else.
    const report = await verifyTree(defaultOutDir(), { render: false });
    expect(report.problems.map(formatProblemLine)).toEqual([]);
    const { counts } = report;
    expect(counts.clusters).toBe(2);
    for (const key of ["kustomizations", "fluxPaths", "documents", "uniqueDocuments", "talosDocuments", "helmValuesChecked"] as const) {
      expect(counts[key], key).toBeGreaterThan(0);
    }
    expect(counts.helmWithoutSchema.size).toBeGreaterThan(0);
  }, 300_000);
});
