#!/usr/bin/env node
// @ts-check
// `pnpm bench:ci`: how long `pnpm test` takes on a clean clone of the current commit, in one run:
// cold (empty turbo cache), an unchanged rerun, and a rerun after a one-line change in one
// component. Prints the figures against the targets of issue 16 (on 2 cores: unchanged rerun under
// 5 s, the one-component rerun under 40 % of cold, cold under 4 minutes).
//
//   pnpm bench:ci [--component cert-manager] [--keep] [--fresh-user-cache]
//
// The clone lives in a temp folder next to a link to ../shared, so the tests read the same schemas
// and chart archives. "Cold" means the caches in the clone start empty: turbo's (TURBO_CACHE_DIR),
// the test result cache and tsc's build info. The user-level cache (XDG_CACHE_HOME: verify's
// render, kustomize and verdict caches, the extracted helm) is the machine's, as a contributor's
// fresh clone finds it. `--fresh-user-cache` points XDG_CACHE_HOME into the bench's temp folder
// too, as on a CI machine's first run: verify then renders every chart in the cold run.
import { spawnSync } from "node:child_process";
import { appendFileSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { availableParallelism, homedir, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, stripVTControlCharacters } from "node:util";

export const targets = { coldSeconds: 240, unchangedSeconds: 5, oneComponentRatio: 0.4 };

/**
 * `Tasks: N successful, M total` and `Cached: C cached, M total` from turbo's run summary.
 * @param {string} output
 * @returns {{ cached: number; total: number } | undefined}
 */
export function turboSummary(output) {
  const match = /Cached:\s+(\d+) cached, (\d+) total/.exec(stripVTControlCharacters(output));
  return match ? { cached: Number(match[1]), total: Number(match[2]) } : undefined;
}

/**
 * The verdict lines for the three timings.
 * @param {{ cold: number; unchanged: number; oneComponent: number }} seconds
 * @returns {string[]}
 */
export function verdicts(seconds) {
  const ratio = seconds.oneComponent / seconds.cold;
  const line = (/** @type {string} */ label, /** @type {string} */ figure, /** @type {string} */ target, /** @type {boolean} */ ok) =>
    `${label.padEnd(28)} ${figure.padStart(14)}   target ${target.padEnd(12)} ${ok ? "PASS" : "FAIL"}`;
  return [
    line("cold pnpm test", `${seconds.cold.toFixed(1)} s`, `< ${targets.coldSeconds} s`, seconds.cold < targets.coldSeconds),
    line("unchanged rerun", `${seconds.unchanged.toFixed(1)} s`, `< ${targets.unchangedSeconds} s`, seconds.unchanged < targets.unchangedSeconds),
    line("one-component rerun", `${seconds.oneComponent.toFixed(1)} s (${(ratio * 100).toFixed(0)} %)`, `< ${targets.oneComponentRatio * 100} % cold`, ratio < targets.oneComponentRatio),
  ];
}

/**
 * Runs a command in `cwd`, echoing and capturing its output; throws when it fails.
 * @param {string} cwd
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ seconds: number; output: string }}
 */
function timed(cwd, command, args, env) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "pipe"] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0) {
    process.stderr.write(output);
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (exit ${result.status ?? result.signal})`);
  }
  return { seconds, output };
}

function main() {
  const { values } = parseArgs({
    options: { component: { type: "string", default: "cert-manager" }, keep: { type: "boolean", default: false }, "fresh-user-cache": { type: "boolean", default: false } },
  });
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
  const commit = timed(repoRoot, "git", ["rev-parse", "HEAD"], process.env).output.trim();
  const workDir = mkdtempSync(join(tmpdir(), "k8s-gitops-bench-ci-"));
  const clone = join(workDir, "k8s-gitops");
  symlinkSync(resolve(repoRoot, "..", "shared"), join(workDir, "shared"));
  const userCache = values["fresh-user-cache"] !== true;
  const env = {
    ...process.env,
    TURBO_CACHE_DIR: join(clone, ".turbo", "cache"),
    TURBO_TELEMETRY_DISABLED: "1",
    FORCE_COLOR: "0",
    // pnpm's metadata cache (also below XDG_CACHE_HOME) stays the machine's: the pack tests' scratch
    // installs would otherwise fetch from the registry, timing the network instead of the suite.
    ...(userCache ? {} : { XDG_CACHE_HOME: join(workDir, "xdg-cache"), npm_config_cache_dir: join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "pnpm") }),
  };
  try {
    process.stdout.write(`== clone of ${commit.slice(0, 12)} in ${clone} (${availableParallelism()} cores)\n`);
    process.stdout.write(
      userCache
        ? `== caches: the clone's start empty; XDG_CACHE_HOME is the machine's (${process.env.XDG_CACHE_HOME ?? "~/.cache"}), as earlier runs left it\n`
        : `== caches: all start empty, the clone's and XDG_CACHE_HOME (${env.XDG_CACHE_HOME})\n`,
    );
    timed(workDir, "git", ["clone", "--quiet", "--no-local", "--no-checkout", repoRoot, clone], env);
    timed(clone, "git", ["checkout", "--quiet", "--detach", commit], env);
    const install = timed(clone, "pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], env);
    process.stdout.write(`== pnpm install --frozen-lockfile --prefer-offline: ${install.seconds.toFixed(1)} s (not counted)\n`);

    const run = (/** @type {string} */ label) => {
      const { seconds, output } = timed(clone, "pnpm", ["test"], env);
      const summary = turboSummary(output);
      const cached = summary ? `${summary.cached}/${summary.total} tasks cached` : "no turbo summary";
      process.stdout.write(`== ${label}: ${seconds.toFixed(1)} s, ${cached}, ${output.split("\n").length} lines of output\n`);
      return seconds;
    };
    const cold = run("cold pnpm test");
    const unchanged = run("unchanged rerun");
    const file = join(clone, "packages", "components", "src", values.component ?? "cert-manager", "index.ts");
    appendFileSync(file, "// bench:ci one-line change\n");
    const oneComponent = run(`rerun after a one-line change in ${values.component}`);
    timed(clone, "git", ["checkout", "--quiet", "--", file], env);

    process.stdout.write(`\n${verdicts({ cold, unchanged, oneComponent }).join("\n")}\n`);
  } finally {
    if (values.keep) process.stdout.write(`== kept ${workDir}\n`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
