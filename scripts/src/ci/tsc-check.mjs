#!/usr/bin/env node
// @ts-check
// The `typecheck` script of every workspace package: `tsc -p tsconfig.json --noEmit`, incremental
// (build info in node_modules/.cache/tsc), and skipped when it is up to date as `tsc -b` decides
// it (tsc-inputs.mjs): the package's own files and its dependencies' declarations are those of the
// last check that passed, and every dependency was built from its current sources. A component
// change whose declarations stay the same (a function body, a comment) then rechecks the component
// and not every package above it.
//
// The check resolves workspace dependencies to their built declarations (`dist/**/*.d.ts`), as
// `tsc -b` does with project references, not to their sources through the `source` export
// condition the editor and vitest use (`checkProject` in tsc-inputs.mjs): with the sources, every
// package's check type-checked core's and components' sources again (clusters' program held 407 of
// their files; 8.2 s, 3.5 s without). The declarations are those of a build from the current
// sources (`typecheck` runs after `^build`, and the up-to-date rule checks it); the dependency's
// own check covers its sources.
//
// `build` (tsc-build.mjs) runs this same program and emits from it, then records the check as
// passed: after a build, `typecheck` finds the package up to date unless a file the build's turbo
// inputs leave out (a test) changed since.
//
//   node ../../scripts/src/ci/tsc-check.mjs
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { checkProject, compilerOf, passedRecord, stateDir, tscInputsDigest, upToDate } from "./tsc-inputs.mjs";

/**
 * Type-checks the package in `packageDir`; returns tsc's exit code (0 when skipped).
 * @param {string} packageDir
 * @param {{ log?: (line: string) => void }} [options]
 */
export function typecheck(packageDir, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const state = stateDir(packageDir);
  const passed = passedRecord(packageDir, "typecheck");
  const inputs = tscInputsDigest(packageDir);
  if (upToDate(packageDir, "typecheck", inputs)) {
    log(`tsc-check: ${relative(process.cwd(), packageDir) || "."} is up to date (its files and its dependencies' declarations are those of its last passing check)`);
    return 0;
  }
  rmSync(passed, { force: true });
  mkdirSync(state, { recursive: true });
  const tscBin = compilerOf(packageDir).bin;
  const args = [tscBin, "-p", checkProject(packageDir), "--noEmit", "--incremental", "--tsBuildInfoFile", join(state, "typecheck.tsbuildinfo")];
  const code = spawnSync(process.execPath, args, { cwd: packageDir, stdio: "inherit" }).status ?? 1;
  if (code === 0) writeFileSync(passed, `${inputs}\n`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  process.exit(typecheck(process.cwd()));
}
