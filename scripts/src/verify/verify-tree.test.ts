import { describe, expect, it } from "vitest";
import { canVerify, minimalTree, verifyFiles } from "./test-support.js";

describe.skipIf(!canVerify())("verifyTree on the minimal tree", () => {
  it("GIVEN the minimal tree THEN there is no problem and every count is filled", async () => {
    const { report, lines } = await verifyFiles(minimalTree());
    expect(lines).toEqual([]);
    expect(report.counts).toMatchObject({ clusters: 1, kustomizations: 4, fluxPaths: 2, talosDocuments: 1, helmValuesChecked: 1 });
    expect(report.counts.documents).toBeGreaterThan(report.counts.uniqueDocuments);
  });
});
