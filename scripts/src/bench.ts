import { mkdtempSync, rmSync } from "node:fs";
import { arch, cpus, loadavg, platform, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseBenchArgs } from "./bench/args.js";
import { runBench } from "./bench/run.js";
import { formatReport } from "./bench/report.js";

/**
 * `pnpm bench`: a report, not a test. Prints the reference, fleet and emission figures and the
 * issue's targets with PASS/FAIL; exits 0 whatever the figures (2 only for bad flags).
 * Works in a temporary directory, so generated/ is never written to.
 */
let args: ReturnType<typeof parseBenchArgs>;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
const cpu = cpus();
const machine = `node ${process.version}, ${platform()} ${arch()}, ${cpu.length} CPUs (${cpu[0]?.model.trim() ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB${args.scratch ? `, output in ${args.scratch}` : ""}`;
const work = mkdtempSync(join(args.scratch ?? tmpdir(), "k8s-gitops-bench-"));
try {
  const loadAtStart = loadavg()[0]!;
  const measured = await runBench(args, { work, machine, log: (line) => process.stderr.write(`${line}\n`) });
  // Other processes on the machine distort every figure; the load average says how much.
  const report = { ...measured, load: { start: loadAtStart, end: loadavg()[0]! } };
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
} finally {
  rmSync(work, { recursive: true, force: true });
}
