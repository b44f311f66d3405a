#!/usr/bin/env node
// The `build` script of every workspace package: `tsc -p tsconfig.build.json` into `dist/`,
// incrementally, so a rebuild after a one-line change re-emits the changed files instead of all.
//
//   node ../../scripts/src/ci/tsc-build.mjs [--copy src/file.mjs ...]
//
// tsc's incremental mode trusts its build-info file: it re-emits only what changed since the build
// it describes, and never looks at `dist/`. `dist/` can differ from that build: turbo restores it
// from its cache on a hit (another commit's output), or somebody deletes or edits it. So the
// wrapper records a digest of `dist/` after each successful build, and builds from scratch (empty
// `dist/`, no build info) whenever `dist/` no longer has that digest. After tsc it deletes every
// file of `dist/` that is no output of the current sources (a deleted or renamed module), using
// TypeScript's own `getOutputFileNames`, and copies the `--copy` files (plain `.mjs` tsc does not
// emit) to the same place below `dist/`. A failed build leaves no digest: the next one starts from
// scratch.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";

/** Where the build info and the digest of `dist/` live, per package (not published, not in turbo's outputs). */
export const stateDir = (packageDir) => join(packageDir, "node_modules", ".cache", "tsc");

/** Every file below `dir`, as paths relative to it with `/`, sorted. */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/** sha256 over the paths and contents of every file below `dir` ("absent" when there is none). */
export function treeDigest(dir) {
  if (!existsSync(dir)) return "absent";
  const hash = createHash("sha256");
  for (const path of listFiles(dir)) hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update("\0");
  return hash.digest("hex");
}

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
  // The package's own TypeScript, else the workspace root's (a package outside the workspace, in tests).
  let require = createRequire(join(packageDir, "package.json"));
  try {
    require.resolve("typescript");
  } catch {
    require = createRequire(import.meta.url);
  }
  const ts = require("typescript");
  const tscBin = require.resolve("typescript/bin/tsc");
  const project = join(packageDir, "tsconfig.build.json");
  const dist = join(packageDir, "dist");
  const state = stateDir(packageDir);
  const buildInfo = join(state, "build.tsbuildinfo");
  const digestFile = join(state, "dist.sha256");

  const recorded = existsSync(digestFile) ? readFileSync(digestFile, "utf8").trim() : undefined;
  const fromScratch = recorded === undefined || !existsSync(buildInfo) ? "no earlier build" : recorded !== treeDigest(dist) ? "dist/ is not what the last build wrote" : undefined;
  rmSync(digestFile, { force: true });
  if (fromScratch !== undefined) {
    log(`tsc-build: building ${relative(process.cwd(), packageDir) || "."} from scratch (${fromScratch})`);
    rmSync(dist, { recursive: true, force: true });
    rmSync(buildInfo, { force: true });
  }
  mkdirSync(state, { recursive: true });
  const tsc = spawnSync(process.execPath, [tscBin, "-p", project, "--incremental", "--tsBuildInfoFile", buildInfo], { cwd: packageDir, stdio: "inherit" });
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
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({ options: { copy: { type: "string", multiple: true, default: [] } } });
  process.exit(build(process.cwd(), { copy: values.copy }));
}
