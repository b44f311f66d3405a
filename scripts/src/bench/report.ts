import type { CompareResult } from "./compare.js";
import type { FleetPoint, Linearity } from "./fleet.js";
import type { ReferenceResult } from "./reference.js";
import type { Summary } from "./stats.js";
import type { VerifyBench, VerifyRun } from "./verify.js";

export interface BundleFigures {
  /** The launcher's freshness check when nothing changed (hashing every input). */
  readonly checkMs: number;
  /** A full rebuild, as after any source change. */
  readonly rebuildMs: number;
}

/** Everything one `pnpm bench` measured; sections that were not run or failed are absent or carry an error. */
export interface BenchReport {
  readonly date: string;
  readonly machine: string;
  readonly runs: number;
  /** 1-minute load average when the bench started and ended; above the CPU count, processes competed. */
  readonly load?: { readonly start: number; readonly end: number };
  readonly bundle?: BundleFigures;
  readonly reference?: {
    readonly results: readonly ReferenceResult[];
    readonly viaPnpm?: Summary;
    /** A no-op generate of the reference estate and `node -e 0`, alternating: the start-up target. */
    readonly startup?: { readonly noop: Summary; readonly node: Summary };
    readonly error?: string;
  };
  readonly fleet?: {
    readonly points: readonly FleetPoint[];
    /** Of the whole in-process time (write included). */
    readonly linearity?: Linearity;
    /** Of the time before writing (inventories, build, render + emit): CPU only, so far less noisy than disk I/O. */
    readonly inMemoryLinearity?: Linearity;
    readonly error?: string;
  };
  readonly compare?: CompareResult | { readonly error: string };
  /** `pnpm verify` of generated/ with an empty render cache, then again with nothing changed. */
  readonly verify?: VerifyBench | { readonly error: string };
}

export type Verdict = "PASS" | "FAIL" | "----";

export interface Target {
  readonly verdict: Verdict;
  readonly goal: string;
  readonly measured: string;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)}s`;
const range = (x: Summary): string => `${s(x.median)} (${s(x.min)}-${s(x.max)})`;
const mib = (kib: number): string => `${Math.round(kib / 1024)} MiB`;
const pad = (text: string, width: number): string => text.padEnd(width);
const padL = (text: string, width: number): string => text.padStart(width);
const verdict = (ok: boolean): Verdict => (ok ? "PASS" : "FAIL");
const hasError = <T extends object>(x: T | { readonly error: string }): x is { readonly error: string } => "error" in x;

/** The issue's targets, each judged on what was measured (or "----" when it was not). */
export function targets(report: BenchReport): Target[] {
  const bundled = report.reference?.results[0];
  const hundred = report.fleet?.points.find((p) => p.n === 100);
  const compare = report.compare && !hasError(report.compare) ? report.compare : undefined;
  const floor = compare?.floor;
  const noop = report.reference?.results.flatMap((r) => r.noopWritten) ?? [];
  const verified = report.verify && !hasError(report.verify) ? report.verify : undefined;
  const helmMs = (run: VerifyRun): number => run.renderMs + run.valuesMs;
  const verifyTargets: Target[] = verified
    ? [
        { verdict: verdict(helmMs(verified.cold) < 60_000), goal: "verify cold: helm renders + values < 60 s", measured: `${s(helmMs(verified.cold))} (whole verify ${s(verified.cold.totalMs)})` },
        { verdict: verdict(helmMs(verified.warm) < 5000), goal: "verify warm: helm renders + values < 5 s", measured: `${s(helmMs(verified.warm))} (whole verify ${s(verified.warm.totalMs)})` },
      ]
    : [
        { verdict: "----", goal: "verify cold: helm renders + values < 60 s", measured: "not measured" },
        { verdict: "----", goal: "verify warm: helm renders + values < 5 s", measured: "not measured" },
      ];
  const measuredStartup = report.reference?.startup;
  const startup: Target =
    bundled && measuredStartup
      ? {
          verdict: verdict(measuredStartup.noop.median / measuredStartup.node.median <= 3.5),
          goal: "no-op generate <= 3.5x node -e 0",
          measured: `${(measuredStartup.noop.median / measuredStartup.node.median).toFixed(2)}x (${s(measuredStartup.noop.median)} vs ${s(measuredStartup.node.median)}, medians of ${measuredStartup.noop.runs} alternating runs; ${bundled.launcher})`,
        }
      : { verdict: "----", goal: "no-op generate <= 3.5x node -e 0", measured: "not measured" };
  return [
    bundled
      ? { verdict: verdict(bundled.cold.median < 1000), goal: "reference generate < 1 s process wall time", measured: `${s(bundled.cold.median)} median, empty dir (${bundled.launcher})` }
      : { verdict: "----", goal: "reference generate < 1 s process wall time", measured: "not measured" },
    hundred
      ? {
          verdict: verdict(hundred.total.median < 10_000),
          goal: "100 clusters < 10 s",
          measured: `${s(hundred.total.median)} (write ${s(hundred.sample.phases.write)} of it; in memory ${s(hundred.total.median - hundred.sample.phases.write)})`,
        }
      : { verdict: "----", goal: "100 clusters < 10 s", measured: "not measured (add 100 to --fleet)" },
    hundred
      ? { verdict: verdict(hundred.peakRssKiB < 1024 * 1024), goal: "100 clusters < 1 GiB", measured: `${mib(hundred.peakRssKiB)} peak RSS` }
      : { verdict: "----", goal: "100 clusters < 1 GiB", measured: "not measured" },
    floor
      ? { verdict: verdict(floor.ratio <= 3), goal: "YAML emission within 3x of JSON.stringify", measured: `${floor.ratio.toFixed(2)}x` }
      : { verdict: "----", goal: "YAML emission within 3x of JSON.stringify", measured: "not measured" },
    noop.length > 0
      ? { verdict: verdict(noop.every((n) => n === 0)), goal: "a no-op run writes zero files", measured: `${noop.join(", ")} files written in ${noop.length} no-op runs` }
      : { verdict: "----", goal: "a no-op run writes zero files", measured: "not measured" },
    startup,
    ...verifyTargets,
  ];
}

function referenceLines(reference: NonNullable<BenchReport["reference"]>, bundle: BundleFigures | undefined): string[] {
  const first = reference.results[0];
  const lines = [
    `Reference estate (infra + apps)${first ? `: ${first.files} files, ${first.documents} documents` : ""}; process wall time, median (min-max), each run a fresh process`,
    `  ${pad("launcher", 34)}${pad("runs", 6)}${pad("generate (empty dir)", 22)}${pad("generate (no change)", 22)}generate --check`,
    ...reference.results.map((r) => `  ${pad(r.launcher, 34)}${pad(String(r.cold.runs), 6)}${pad(range(r.cold), 22)}${pad(range(r.noop), 22)}${range(r.check)}`),
  ];
  if (reference.viaPnpm) lines.push(`  ${pad("pnpm generate (+ pnpm start-up)", 34)}${pad(String(reference.viaPnpm.runs), 6)}${pad("", 44)}${range(reference.viaPnpm)}`);
  if (reference.startup) {
    lines.push(`  start-up, alternating runs: no-op generate ${range(reference.startup.noop)}, node -e 0 ${range(reference.startup.node)}`);
  }
  if (bundle) lines.push(`  bundle: freshness check ${bundle.checkMs.toFixed(0)} ms per run; rebuild after a source change ${s(bundle.rebuildMs)} (once)`);
  if (reference.error) lines.push(`  error: ${reference.error}`);
  return lines;
}

function fleetLines(fleet: NonNullable<BenchReport["fleet"]>): string[] {
  const header = ["N", "runs", "total", "(min-max)", "inventory", "build", "render", "write", "plain write", "files", "documents", "files/s", "peak RSS"];
  const widths = [5, 6, 9, 15, 11, 8, 8, 8, 13, 8, 11, 9, 9];
  const row = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? pad(c, widths[i]!) : padL(c, widths[i]!))).join("")}`;
  const lines = [
    "Synthetic fleet (pairs of infra-type + apps-type clusters, full component set); each run a fresh process;",
    "times inside the process (validate inventories -> build -> render + emit -> atomic write), start-up excluded;",
    "'plain write' (not in total) = the same files with bare writeFile, no staging/fsync",
    row(header),
    ...fleet.points.map((p) =>
      row([
        String(p.n),
        String(p.runs),
        s(p.total.median),
        p.runs > 1 ? `(${s(p.total.min)}-${s(p.total.max)})` : "",
        s(p.sample.phases.inventories),
        s(p.sample.phases.build),
        s(p.sample.phases.render),
        s(p.sample.phases.write),
        s(p.sample.plainWriteMs),
        String(p.sample.files),
        String(p.sample.documents),
        String(Math.round(p.filesPerSecond)),
        mib(p.peakRssKiB),
      ]),
    ),
  ];
  const runs = new Set(fleet.points.map((p) => p.runs));
  if (runs.size > 1) lines.push("  (not every size had the same number of runs; --fleet-runs N to change)");
  const describe = (label: string, lin: Linearity | undefined): void => {
    if (!lin) return;
    lines.push(
      `  ${label}: time = ${s(lin.fit.a)} + ${lin.fit.b.toFixed(1)} ms x N, R^2 = ${lin.fit.r2.toFixed(4)}; per cluster: ${lin.perCluster.map((p) => `${p.ms.toFixed(0)} ms (N=${p.n})`).join(", ")}`,
    );
    const growth = lin.growth ? `t(${lin.growth.to})/t(${lin.growth.from}) = ${lin.growth.ratio.toFixed(2)} for ${lin.growth.expected}x the clusters; ` : "";
    lines.push(`    ${growth}${lin.linear ? "linear: the line explains the points and cost does not grow faster than N" : "NOT shown linear by these numbers (R^2 < 0.98 or growth faster than N)"}`);
  };
  describe("total", fleet.linearity);
  describe("in memory (before write)", fleet.inMemoryLinearity);
  if (fleet.error) lines.push(`  error: ${fleet.error}`);
  return lines;
}

function compareLines(compare: NonNullable<BenchReport["compare"]>, runs: number): string[] {
  if (hasError(compare)) return ["Emission and cdk8s", `  error: ${compare.error}`];
  const ms = (x: Summary): string => `${x.median.toFixed(1)} ms`;
  const lines = [
    `Emission on the reference estate's objects, in one process; median of ${runs} after a warm-up`,
    `  project render (renderClusters, infra + apps, all ${compare.files} files)`.padEnd(72) + ms(compare.render),
    `  project emitYaml: ${compare.objects} Kubernetes objects in ${compare.objectFiles} files`.padEnd(72) + ms(compare.emit),
    "  project emitYamlReference (yaml Document model), same objects".padEnd(72) + ms(compare.emitReference),
    "  cdk8s 2.70.106: Chart per file + ApiObject per object + synthYaml".padEnd(72) + ms(compare.cdk8s),
    `  cdk8s / project: ${compare.cdk8sOverEmit.toFixed(1)}x emitYaml, ${(compare.cdk8s.median / compare.emitReference.median).toFixed(1)}x emitYamlReference, ${compare.cdk8sOverRender.toFixed(1)}x the whole render`,
  ];
  const f = compare.floor;
  lines.push(
    `  floor, all ${f.documents} emitted documents (${(f.bytes / 1024).toFixed(0)} KiB): JSON.stringify ${f.jsonMs.toFixed(1)} ms, emitYaml ${f.yamlMs.toFixed(1)} ms = ${f.ratio.toFixed(2)}x; yaml Document model ${f.referenceMs.toFixed(1)} ms`,
  );
  return lines;
}

function verifyLines(bench: NonNullable<BenchReport["verify"]>): string[] {
  if (hasError(bench)) return ["pnpm verify", `  error: ${bench.error}`];
  const line = (label: string, run: VerifyRun): string =>
    `  ${pad(label, 34)}whole ${s(run.totalMs)}, render ${s(run.renderMs)} (${run.releases} releases), value check ${s(run.valuesMs)} (${run.renders} renders), ${run.problems} problems${run.cpuMs === undefined ? "" : `, CPU ${s(run.cpuMs)}`}`;
  return ["pnpm verify of generated/, one run each (kustomize builds included in 'whole')", line("cold (empty render cache)", bench.cold), line("warm (nothing changed)", bench.warm)];
}

/** The human-readable report: one block per section, then the targets. */
export function formatReport(report: BenchReport): string {
  const load = report.load ? `; load average ${report.load.start.toFixed(1)} at start, ${report.load.end.toFixed(1)} at end` : "";
  const blocks = [[`pnpm bench  ${report.date}  ${report.machine}${load}`]];
  if (report.reference) blocks.push(referenceLines(report.reference, report.bundle));
  if (report.fleet) blocks.push(fleetLines(report.fleet));
  if (report.compare) blocks.push(compareLines(report.compare, report.runs));
  if (report.verify) blocks.push(verifyLines(report.verify));
  blocks.push(["Targets", ...targets(report).map((t) => `  ${t.verdict}  ${pad(t.goal, 44)}${t.measured}`)]);
  return `${blocks.map((b) => b.join("\n")).join("\n\n")}\n`;
}
