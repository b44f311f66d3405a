import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import { describe, expect, it } from "vitest";

// `pnpm verify` on the committed generated/ is turbo task scripts#verify (in `pnpm test`), which fails
// on any problem and on a zero count (report.ts, uncheckedCounts); `pnpm generate --check`
// (scripts#check) keeps generated/ equal to the render. Running verify here again cost 15 s per run.
describe("the rendered estate", () => {
  it("GIVEN two renders THEN they are byte-identical", async () => {
    const first = renderEstate(await loadInventories());
    const again = renderEstate(await loadInventories());
    expect(again.files).toEqual(first.files);
  });
});
