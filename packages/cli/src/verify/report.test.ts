import { describe, expect, it } from "vitest";
import { formatReport, uncheckedCounts } from "./report.js";

const counts = {
  files: 10,
  clusters: 2,
  kustomizations: 106,
  fluxPaths: 78,
  documents: 2345,
  uniqueDocuments: 1234,
  withoutSchema: new Map([["example.com/v1 Widget", { count: 3, reason: "no CRD published" }]]),
  talosDocuments: 36,
  helmValuesChecked: 14,
  helmChartsChecked: 5,
  helmWithoutSchema: new Map([
    ["harbor 1.19.1", 1],
    ["coredns 1.47.0", 2],
  ]),
  twin: { steps: 116, objects: 1_470, resolved: 2_714, unrendered: 0, unverifiable: 0, seconds: 0.43 },
};

describe("formatReport", () => {
  it("GIVEN no problem THEN the summary lists every count, the allow-listed kinds with reasons and the charts without schema", () => {
    expect(formatReport({ problems: [], counts, schemaRoot: "/s" }, 12.34).split("\n")).toEqual([
      "verify: 106 kustomizations built, 78 Flux paths followed on 2 clusters, 2,345 documents validated (1,234 unique), 3 without schema,",
      "  36 Talos documents, 14 Helm values checked against 5 chart schemas (2 other charts ship no schema), 0 problems in 12.3s",
      "  twin: 116 install steps replayed, 1,470 objects applied, 2,714 references resolved in 0.4s",
      "  without schema (allow-listed): example.com/v1 Widget ×3: no CRD published",
      "  charts without values schema: harbor 1.19.1 ×1, coredns 1.47.0 ×2",
    ]);
  });

  it("GIVEN problems THEN each is one line prefixed by its check and file, before the summary", () => {
    const problems = [{ check: "schema" as const, file: "kubernetes/a/x.yaml", message: "ConfigMap x: (root): bad" }];
    const lines = formatReport({ problems, counts, schemaRoot: "/s" }, 1).split("\n");
    expect(lines[0]).toBe("schema: kubernetes/a/x.yaml: ConfigMap x: (root): bad");
    expect(lines[2]).toContain("1 problem in 1.0s");
  });

  it("GIVEN a run that counted no Talos document and no Helm value THEN those counts are named as unchecked, and a full run names none", () => {
    expect(uncheckedCounts({ ...counts, talosDocuments: 0, helmValuesChecked: 0 })).toEqual(["talosDocuments", "helmValuesChecked"]);
    expect(uncheckedCounts(counts)).toEqual([]);
  });
});
