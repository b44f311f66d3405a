#!/usr/bin/env node
// The `build` script of every workspace package: type-checks the package (tests included) and
// emits `dist/` in one incremental tsc run, so a rebuild after a one-line change re-checks and
// re-emits the changed files instead of all, and `typecheck` has nothing left to do.
//
//   node ../../scripts/src/ci/tsc-build.mjs [--copy src/file.mjs ...]
//
// One program, not two: tsc runs the program `typecheck` runs (tsconfig.json, tests included,
// workspace dependencies resolved to their declarations: `checkProject` in tsc-inputs.mjs) and
// emits it; the wrapper then deletes what tsconfig.build.json does not publish (the tests'
// outputs). A separate build and check each parsed and bound the same sources and the same
// declarations of kubernetes-models (components: 6.6 s + 7.0 s, 8.8 s as one run). A build that
// passes records the check as passed for the same inputs, so `typecheck` after it answers "up to
// date" unless a test changed since.
//
// tsc's incremental mode trusts its build-info file: it re-emits only what changed since the build
// it describes, and never looks at `dist/`. `dist/` can differ from that build: turbo restores it
// from its cache on a hit (another commit's output), or somebody deletes or edits it. So the
// wrapper records a digest of `dist/` after each successful build, and builds from scratch (empty
// `dist/`, no build info) whenever `dist/` no longer has that digest. After tsc it deletes every
// file of `dist/` that is no output of tsconfig.build.json's sources (a test, a deleted or renamed
// module), using TypeScript's own `getOutputFileNames`, and copies the `--copy` files (plain `.mjs`
// tsc does not emit) to the same place below `dist/`. A failed build leaves no digest: the next one
// starts from scratch.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { checkProject, compilerOf, listFiles, passedRecord, stateDir, treeDigest, tscInputsDigest, typescriptRequire, upToDate } from "./tsc-inputs.mjs";

export { listFiles, stateDir, treeDigest };

/**
 * The files tsc writes for the project's current sources (`.js`, `.d.ts`, maps), absolute, from the
 * parsed tsconfig (its `include`/`exclude` and options) and `ts.getOutputFileNames`.
 */
export function expectedOutputs(ts, project) {
  const parsed = ts.getParsedCommandLineOfConfigFile(project, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic) => { throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")); } });
  if (parsed === undefined) throw new Error(`cannot read ${project}`);
  return new Set(parsed.fileNames.flatMap((file) => ts.getOutputFileNames(parsed, file, !ts.sys.useCaseSensitiveFileNames)).map((file) => resolve(file)));
}

/**
 * Builds the package in `packageDir`; returns tsc's exit code. `log` receives one line when the
 * build starts from scratch and why.
 */
export function build(packageDir, { copy = [], log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const require = typescriptRequire(packageDir);
  const ts = require("typescript");
  const tscBin = compilerOf(packageDir).bin;
  const project = join(packageDir, "tsconfig.build.json");
  const dist = join(packageDir, "dist");
  const state = stateDir(packageDir);
  const buildInfo = join(state, "build.tsbuildinfo");
  const digestFile = join(state, "dist.sha256");

  const inputsFile = passedRecord(packageDir, "build");
  const recorded = existsSync(digestFile) ? readFileSync(digestFile, "utf8").trim() : undefined;
  const fromScratch = recorded === undefined || !existsSync(buildInfo) ? "no earlier build" : recorded !== treeDigest(dist) ? "dist/ is not what the last build wrote" : undefined;
  // Up to date as `tsc -b` decides it: same own inputs and dependency declarations as the last
  // successful build (tsc-inputs.mjs), every dependency built from its current sources, dist/ as
  // that build wrote it. tsc would emit the same files; its program alone takes seconds to build.
  const inputs = tscInputsDigest(packageDir);
  if (fromScratch === undefined && upToDate(packageDir, "build", inputs)) {
    log(`tsc-build: ${relative(process.cwd(), packageDir) || "."} is up to date (its sources and its dependencies' declarations are those of its last build)`);
    return 0;
  }
  rmSync(digestFile, { force: true });
  rmSync(inputsFile, { force: true });
  if (fromScratch !== undefined) {
    log(`tsc-build: building ${relative(process.cwd(), packageDir) || "."} from scratch (${fromScratch})`);
    rmSync(dist, { recursive: true, force: true });
    rmSync(buildInfo, { force: true });
  }
  mkdirSync(state, { recursive: true });
  const tsc = spawnSync(process.execPath, [tscBin, "-p", checkProject(packageDir), "--incremental", "--tsBuildInfoFile", buildInfo], { cwd: packageDir, stdio: "inherit" });
  const code = tsc.status ?? 1;
  if (code !== 0) return code;

  const expected = expectedOutputs(ts, project);
  for (const file of copy) expected.add(resolve(dist, relative(join(packageDir, "src"), resolve(packageDir, file))));
  for (const path of listFiles(dist)) {
    if (!expected.has(resolve(dist, path))) rmSync(join(dist, path));
  }
  for (const file of copy) {
    const target = resolve(dist, relative(join(packageDir, "src"), resolve(packageDir, file)));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(resolve(packageDir, file), target);
  }
  writeFileSync(digestFile, `${treeDigest(dist)}\n`);
  writeFileSync(inputsFile, `${inputs}\n`);
  // The same program passed: what tsc-check.mjs records after a passing check.
  writeFileSync(passedRecord(packageDir, "typecheck"), `${inputs}\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { copy: { type: "string", multiple: true, default: [] } } });
  process.exit(build(process.cwd(), { copy: values.copy }));
}
