import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { MANIFEST_FILE, WORK_DIR } from "@k8s-gitops/core";
import { treeSize } from "./documents.js";
import { expectSuccess, runProcess } from "./process.js";
import { settleDisk } from "./settle.js";
import { summarize, type Summary } from "./stats.js";

/** One way of starting the generator: a command and the arguments before the generator's own. */
export interface Launcher {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
}

export interface ReferenceResult {
  readonly launcher: string;
  /** `generate --out <empty dir>`: render, emit and write every file. */
  readonly cold: Summary;
  /** `generate` over an up-to-date tree: must write nothing. */
  readonly noop: Summary;
  readonly check: Summary;
  /** Files written by each no-op run (all must be 0). */
  readonly noopWritten: readonly number[];
  readonly files: number;
  readonly documents: number;
}

/** Parses `generate: 3 written, 471 unchanged, 0 removed in 0.25s`. */
export function writtenCount(output: string): number {
  const match = /^generate: (\d+) written, \d+ unchanged, \d+ removed/m.exec(output);
  if (!match) throw new Error(`unexpected generate output: ${output.trim().slice(0, 500)}`);
  return Number(match[1]);
}

/** Files of an output tree as the generator wrote them (the writer's own bookkeeping left out). */
function readTree(outDir: string): { path: string; content: string }[] {
  return readdirSync(outDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(outDir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .filter((path) => path !== MANIFEST_FILE && !path.startsWith(`${WORK_DIR}/`))
    .map((path) => ({ path, content: readFileSync(join(outDir, path), "utf8") }));
}

/**
 * Times the reference estate (infra + apps) as a user runs it: each run a fresh process.
 * `seed` is an up-to-date tree (generated/) copied once for the no-op and --check runs, so the
 * repository's own output is never written to.
 */
export function benchReference(launcher: Launcher, runs: number, work: string, seed: string): ReferenceResult {
  const generate = (label: string, args: readonly string[], allowed?: readonly number[]) =>
    expectSuccess(`${launcher.name} ${label}`, runProcess(launcher.command, [...launcher.args, ...args]), allowed);
  const slug = launcher.name.replace(/[^a-z0-9]+/gi, "-");
  const cold = Array.from({ length: runs }, (_, i) => {
    settleDisk();
    return generate("generate (empty dir)", ["--out", join(work, `${slug}-cold-${i}`)]);
  });
  const warm = join(work, `${slug}-warm`);
  cpSync(seed, warm, { recursive: true });
  generate("generate (bring the copy up to date)", ["--out", warm]);
  const noop = Array.from({ length: runs }, () => generate("generate (no change)", ["--out", warm]));
  const check = Array.from({ length: runs }, () => generate("generate --check", ["--out", warm, "--check"]));
  const size = treeSize(readTree(join(work, `${slug}-cold-0`)));
  return {
    launcher: launcher.name,
    cold: summarize(cold.map((r) => r.ms)),
    noop: summarize(noop.map((r) => r.ms)),
    check: summarize(check.map((r) => r.ms)),
    noopWritten: noop.map((r) => writtenCount(r.stdout)),
    files: size.files,
    documents: size.documents,
  };
}

/** Only `generate --check` through a launcher, e.g. `pnpm generate` with pnpm's own start-up. */
export function benchCheckOnly(launcher: Launcher, runs: number, outDir: string): Summary {
  const runsMs = Array.from({ length: runs }, () =>
    expectSuccess(`${launcher.name} --check`, runProcess(launcher.command, [...launcher.args, "--out", outDir, "--check"])).ms,
  );
  return summarize(runsMs);
}
