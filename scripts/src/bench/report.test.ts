import { describe, expect, it } from "vitest";
import type { FleetPoint } from "./fleet.js";
import type { ReferenceResult } from "./reference.js";
import { formatReport, targets, type BenchReport } from "./report.js";

const summary = (median: number) => ({ median, min: median, max: median, runs: 1 });

function reference(coldMs: number, noopWritten: number[]): ReferenceResult {
  return { launcher: "bundle", cold: summary(coldMs), noop: summary(300), check: summary(300), noopWritten, files: 479, documents: 554 };
}

function fleetPoint(n: number, totalMs: number, peakRssKiB: number): FleetPoint {
  const sample = {
    n,
    files: 229 * n,
    documents: 265 * n,
    bytes: 200_000 * n,
    written: 229 * n,
    phases: { inventories: 10 * n, build: 5 * n, render: 20 * n, write: totalMs - 35 * n },
    totalMs,
    plainWriteMs: 10 * n,
    baselineRssKiB: 80_000,
    peakRssKiB,
  };
  return { n, runs: 1, total: summary(totalMs), sample, peakRssKiB, filesPerSecond: sample.files / (totalMs / 1000) };
}

const base: BenchReport = { date: "2026-01-01", machine: "test", runs: 1 };

describe("targets", () => {
  it("GIVEN figures inside every limit THEN each target passes with its measured value", () => {
    const report: BenchReport = {
      ...base,
      reference: { results: [reference(880, [0, 0])], startup: { noop: summary(300), node: summary(100) } },
      fleet: { points: [fleetPoint(100, 9_500, 500 * 1024)] },
    };
    const result = targets(report);
    expect(result.map((t) => t.verdict)).toEqual(["PASS", "PASS", "PASS", "----", "PASS", "PASS", "----", "----"]);
    expect(result[5]!.measured).toMatch(/^3\.00x \(0\.30s vs 0\.10s/);
    expect(result[0]!.measured).toContain("0.88s");
    expect(result[2]!.measured).toContain("500 MiB");
  });

  it("GIVEN a slow reference, a slow and big fleet, a no-op that wrote a file and a start-up at 6x node THEN those targets fail", () => {
    const report: BenchReport = {
      ...base,
      reference: { results: [reference(1_200, [0, 3])], startup: { noop: summary(300), node: summary(50) } },
      fleet: { points: [fleetPoint(100, 13_800, 1_100 * 1024)] },
    };
    expect(targets(report).map((t) => t.verdict)).toEqual(["FAIL", "FAIL", "FAIL", "----", "FAIL", "FAIL", "----", "----"]);
  });

  it("GIVEN verify's Helm part under 60 s cold and over 5 s warm THEN the cold target passes and the warm one fails, whole verify shown", () => {
    const run = (renderMs: number, valuesMs: number) => ({ totalMs: 90_000, renderMs, valuesMs, releases: 68, renders: 500, problems: 0 });
    const result = targets({ ...base, verify: { cold: run(20_000, 35_000), warm: run(2_000, 3_500) } }).slice(-2);
    expect(result.map((t) => [t.verdict, t.measured])).toEqual([
      ["PASS", "55.00s (whole verify 90.00s)"],
      ["FAIL", "5.50s (whole verify 90.00s)"],
    ]);
  });

  it("GIVEN nothing measured THEN no target claims a verdict", () => {
    expect(targets(base).every((t) => t.verdict === "----")).toBe(true);
  });

  it("GIVEN a fleet size measured several times THEN its row shows the median and the range of the totals", () => {
    const point = { ...fleetPoint(100, 6_400, 300 * 1024), runs: 3, total: { median: 6_400, min: 5_900, max: 7_400, runs: 3 } };
    const row = formatReport({ ...base, fleet: { points: [point] } })
      .split("\n")
      .find((line) => /^\s+100\s/.test(line));
    expect(row).toMatch(/^\s+100\s+3\s+6\.40s\s+\(5\.90s-7\.40s\)\s/);
  });

  it("GIVEN a fleet section with an error THEN the report shows it instead of dropping it", () => {
    expect(formatReport({ ...base, fleet: { points: [], error: "fleet N=100 exited with 1: boom" } })).toContain("error: fleet N=100 exited with 1: boom");
  });
});
