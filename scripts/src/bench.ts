import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { defaultOutDir, repoRoot } from "./cli/repo.js";

/**
 * `pnpm bench [--runs N]`: wall-clock medians of `pnpm generate` (cold: empty output dir, and
 * no-op: nothing changed) and `pnpm generate --check`, each as a fresh process the way a user
 * runs it, plus the number of generated files. Runs on a copy, so generated/ is never touched.
 */
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs));
const tsx = join(repoRoot(), "node_modules", ".bin", "tsx");
const cli = join(repoRoot(), "scripts", "src", "generate.ts");

function timed(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(tsx, ["--conditions=source", cli, ...args], { encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`generate ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  return ms;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const work = mkdtempSync(join(tmpdir(), "k8s-gitops-bench-"));
try {
  const cold: number[] = [];
  const noop: number[] = [];
  const check: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(work, `cold-${i}`);
    cold.push(timed(["--out", out]));
  }
  const out = join(work, "warm");
  cpSync(defaultOutDir(), out, { recursive: true });
  timed(["--out", out]);
  for (let i = 0; i < runs; i++) noop.push(timed(["--out", out]));
  for (let i = 0; i < runs; i++) check.push(timed(["--out", out, "--check"]));
  const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  const fmt = (xs: number[]) => `median ${(median(xs) / 1000).toFixed(2)}s (min ${(Math.min(...xs) / 1000).toFixed(2)}s, max ${(Math.max(...xs) / 1000).toFixed(2)}s)`;
  process.stdout.write(
    [
      `bench: ${runs} runs each, ${files} files in the output, node ${process.version}`,
      `  generate (empty dir)   ${fmt(cold)}`,
      `  generate (no change)   ${fmt(noop)}`,
      `  generate --check       ${fmt(check)}`,
      "",
    ].join("\n"),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
