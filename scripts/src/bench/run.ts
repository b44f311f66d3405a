import { join } from "node:path";
import { buildBundle, ensureBundle, writeBundle } from "../cli/bundle.mjs";
import { defaultOutDir, repoRoot } from "@k8s-gitops/core/testing";
import type { BenchArgs } from "./args.js";
import { benchCompare } from "./compare.js";
import { benchFleet, DEFAULT_FLEET_RUNS, linearity } from "./fleet.js";
import { benchCheckOnly, benchReference, type Launcher, type ReferenceResult } from "./reference.js";
import type { BenchReport, BundleFigures } from "./report.js";
import { expectSuccess, runProcess } from "./process.js";
import { summarize } from "./stats.js";
import { benchVerify } from "./verify.js";

export interface BenchContext {
  /** Scratch directory, removed by the caller. */
  readonly work: string;
  readonly machine: string;
  /** Progress, so a minute-long run does not look stuck. */
  readonly log: (line: string) => void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** How `pnpm generate` is started through pnpm itself (npm_execpath when run by pnpm, else pnpm on PATH). */
function pnpmLauncher(): Launcher {
  const execPath = process.env["npm_execpath"];
  if (execPath && /\.[cm]?js$/.test(execPath)) return { name: "pnpm generate", command: process.execPath, args: [execPath, "--silent", "generate"] };
  return { name: "pnpm generate", command: execPath && /pnpm/.test(execPath) ? execPath : "pnpm", args: ["--silent", "generate"] };
}

async function bundleFigures(root: string, work: string): Promise<BundleFigures> {
  await ensureBundle({ root });
  const check = await ensureBundle({ root });
  const start = performance.now();
  await buildBundle(root, join(work, "bundle-rebuild"));
  return { checkMs: check.ms, rebuildMs: performance.now() - start };
}

function reference(root: string, args: BenchArgs, context: BenchContext): NonNullable<BenchReport["reference"]> {
  const launchers: Launcher[] = [
    { name: "node launch.mjs (bundle, target)", command: process.execPath, args: [join(root, "scripts/src/cli/launch.mjs")] },
    { name: "tsx (from source)", command: join(root, "node_modules/.bin/tsx"), args: ["--conditions=source", join(root, "scripts/src/generate.ts")] },
  ];
  const results: ReferenceResult[] = [];
  try {
    for (const [i, launcher] of launchers.entries()) {
      // The tsx path is only the comparison; 3 runs of it keep the bench near its time budget.
      const runs = i === 0 ? args.runs : Math.min(args.runs, 3);
      context.log(`bench: reference, ${launcher.name}, ${runs} runs x 3`);
      results.push(benchReference(launcher, runs, context.work, defaultOutDir()));
    }
    context.log("bench: reference, pnpm generate --check");
    const upToDate = join(context.work, `${launchers[0]!.name.replace(/[^a-z0-9]+/gi, "-")}-warm`);
    const viaPnpm = benchCheckOnly(pnpmLauncher(), args.runs, upToDate);
    // The start-up target compares the no-op generate with a bare Node start, alternating the two
    // so both see the same machine and load.
    context.log(`bench: no-op generate and node -e 0, alternating, ${args.runs} runs each`);
    const launcher = launchers[0]!;
    const pairs = Array.from({ length: args.runs }, () => ({
      noop: expectSuccess("no-op generate", runProcess(launcher.command, [...launcher.args, "--out", upToDate])).ms,
      node: expectSuccess("node -e 0", runProcess(process.execPath, ["-e", "0"])).ms,
    }));
    const startup = { noop: summarize(pairs.map((p) => p.noop)), node: summarize(pairs.map((p) => p.node)) };
    return { results, viaPnpm, startup };
  } catch (error) {
    return { results, error: message(error) };
  }
}

async function fleet(root: string, args: BenchArgs, context: BenchContext): Promise<NonNullable<BenchReport["fleet"]>> {
  try {
    const child = join(context.work, "fleet-child.mjs");
    await writeBundle(root, "scripts/src/bench/fleet-child.ts", child);
    const runs = args.fleetRuns ?? DEFAULT_FLEET_RUNS;
    const points = args.fleet.map((n) => {
      context.log(`bench: fleet N=${n}, ${runs} run(s)`);
      return benchFleet({ command: process.execPath, args: [child] }, [n], () => runs, context.work)[0]!;
    });
    const distinct = new Set(points.map((p) => p.n)).size;
    if (distinct < 2) return { points };
    const beforeWrite = (p: (typeof points)[number]) => p.sample.phases.inventories + p.sample.phases.build + p.sample.phases.render;
    return {
      points,
      linearity: linearity(points.map((p) => ({ n: p.n, ms: p.total.median }))),
      inMemoryLinearity: linearity(points.map((p) => ({ n: p.n, ms: beforeWrite(p) }))),
    };
  } catch (error) {
    return { points: [], error: message(error) };
  }
}

/** Runs the selected sections in order; a failing section is reported and the others still run. */
export async function runBench(args: BenchArgs, context: BenchContext): Promise<BenchReport> {
  const root = repoRoot();
  let bundle: BundleFigures | undefined;
  let referenceResult: BenchReport["reference"];
  if (args.sections.includes("reference")) {
    context.log("bench: bundling the CLI");
    bundle = await bundleFigures(root, context.work);
    referenceResult = reference(root, args, context);
  }
  const fleetResult = args.sections.includes("fleet") ? await fleet(root, args, context) : undefined;
  let compareResult: BenchReport["compare"];
  if (args.sections.includes("compare")) {
    context.log("bench: emission floor and cdk8s");
    compareResult = await benchCompare(args.runs).catch((error: unknown) => ({ error: message(error) }));
  }
  let verifyResult: BenchReport["verify"];
  if (args.sections.includes("verify")) {
    context.log("bench: pnpm verify cold (empty render cache), then warm");
    verifyResult = await benchVerify(context.work).catch((error: unknown) => ({ error: message(error) }));
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: context.machine,
    runs: args.runs,
    ...(bundle ? { bundle } : {}),
    ...(referenceResult ? { reference: referenceResult } : {}),
    ...(fleetResult ? { fleet: fleetResult } : {}),
    ...(compareResult ? { compare: compareResult } : {}),
    ...(verifyResult ? { verify: verifyResult } : {}),
  };
}
