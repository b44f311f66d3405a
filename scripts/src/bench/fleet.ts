import type { FleetSample } from "./fleet-sample.js";
import { expectSuccess, runProcess } from "./process.js";
import { linearFit, summarize, type LinearFit, type Summary } from "./stats.js";

export interface FleetPoint {
  readonly n: number;
  readonly runs: number;
  /** In-process time of the whole generation (inventories → write), median over the runs. */
  readonly total: Summary;
  /** The run whose total is the median (or the lower middle one), for its phases and counts. */
  readonly sample: FleetSample;
  /** Highest peak RSS of the runs, in KiB. */
  readonly peakRssKiB: number;
  readonly filesPerSecond: number;
}

export interface Linearity {
  /** Least-squares fit of total milliseconds against N. */
  readonly fit: LinearFit;
  /** Milliseconds per cluster at each N. */
  readonly perCluster: readonly { readonly n: number; readonly ms: number }[];
  /** t(largest N) / t(smallest N) next to largest N / smallest N. */
  readonly growth?: { readonly from: number; readonly to: number; readonly ratio: number; readonly expected: number };
  /** True only when the fit explains the points (R² ≥ 0.98) and growth is not faster than N (ratio ≤ 1.2 × expected). */
  readonly linear: boolean;
}

// Three runs for every size: a single write of 20,000 files on a VM disk can be off by seconds.
export const DEFAULT_FLEET_RUNS = 3;

/** Runs the fleet child once per run for each size; each run is a fresh process. */
export function benchFleet(child: { command: string; args: readonly string[] }, sizes: readonly number[], runsFor: (n: number) => number, scratch: string): FleetPoint[] {
  return sizes.map((n) => {
    const samples = Array.from({ length: runsFor(n) }, () => {
      const run = expectSuccess(`fleet N=${n}`, runProcess(child.command, [...child.args, String(n), scratch]));
      const last = run.stdout.trim().split("\n").at(-1) ?? "";
      return JSON.parse(last) as FleetSample;
    });
    const sorted = [...samples].sort((a, b) => a.totalMs - b.totalMs);
    const sample = sorted[Math.floor((sorted.length - 1) / 2)]!;
    const total = summarize(samples.map((s) => s.totalMs));
    return {
      n,
      runs: samples.length,
      total,
      sample,
      peakRssKiB: Math.max(...samples.map((s) => s.peakRssKiB)),
      filesPerSecond: sample.files / (total.median / 1000),
    };
  });
}

/**
 * Whether cost grows linearly with N: a straight line through (N, time) must explain the points
 * and the largest fleet must not cost more per N-step than the smallest one predicts.
 * @param points two or more distinct sizes
 */
export function linearity(points: readonly { n: number; ms: number }[]): Linearity {
  const fit = linearFit(points.map((p) => [p.n, p.ms] as const));
  const sorted = [...points].sort((a, b) => a.n - b.n);
  const first = sorted.find((p) => p.n >= 10) ?? sorted[0]!;
  const last = sorted.at(-1)!;
  const growth = last.n > first.n ? { from: first.n, to: last.n, ratio: last.ms / first.ms, expected: last.n / first.n } : undefined;
  return {
    fit,
    perCluster: sorted.map((p) => ({ n: p.n, ms: p.ms / p.n })),
    ...(growth ? { growth } : {}),
    linear: fit.r2 >= 0.98 && (growth === undefined || growth.ratio <= 1.2 * growth.expected),
  };
}
