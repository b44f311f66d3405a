import { describe, expect, it } from "vitest";
import { turboSummary, verdicts } from "./bench-ci.mjs";

describe("bench:ci", () => {
  it("GIVEN turbo's run summary (with colours) THEN the cached and total task counts are read from it", () => {
    const output = "\n \x1b[1m Tasks:\x1b[0m    17 successful, 17 total\n\x1b[1mCached:\x1b[0m    12 cached, 17 total\n  Time:    40.1s\n";
    expect(turboSummary(output)).toEqual({ cached: 12, total: 17 });
    expect(turboSummary("no summary")).toBeUndefined();
  });

  it("GIVEN timings THEN each is judged against its target: cold < 240 s, unchanged < 5 s, one component < 40 % of cold", () => {
    const lines = verdicts({ cold: 200, unchanged: 6, oneComponent: 90 });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^cold pnpm test\s+200\.0 s.*PASS$/);
    expect(lines[1]).toMatch(/^unchanged rerun\s+6\.0 s.*FAIL$/);
    expect(lines[2]).toMatch(/^one-component rerun\s+90\.0 s \(45 %\).*FAIL$/);
    expect(verdicts({ cold: 239, unchanged: 4.9, oneComponent: 95 }).every((line) => line.endsWith("PASS"))).toBe(true);
  });
});
