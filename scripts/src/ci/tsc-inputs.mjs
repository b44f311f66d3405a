// @ts-check
// What a workspace package's tsc run can see, as one digest: the rule `tsc -b` uses to call a
// project up to date (TypeScript's src/compiler/tsbuildPublic.ts, getUpToDateStatus: its own
// inputs are unchanged and no upstream project's declaration output changed), applied to this
// workspace, where the packages are not project references.
//
// A package's own files: every file below `src/` (tests included: `typecheck` checks them), its
// tsconfig files and package.json, the root tsconfig.base.json, the lockfile and the TypeScript
// version. Of each workspace package it depends on, directly or through another: the declarations
// its build emitted (`dist/**/*.d.ts`, what the package's types are for any importer: the build
// emits the `testing/` helpers and test-support modules too, and `typecheck` resolves to dist), and
// every source file its build leaves out (fixtures, data; not the `*.test.ts` files, which nothing
// imports). A package whose digest equals the one of its last successful run gets the same
// verdict from tsc: the files it checks are the same, and what they import has the same types.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";

/**
 * A `require` that loads TypeScript as the package does: its own copy, else the one beside these
 * scripts (the workspace root's; a scratch package outside the workspace, in tests).
 * @param {string} packageDir
 */
export function typescriptRequire(packageDir) {
  const own = createRequire(join(packageDir, "package.json"));
  try {
    own.resolve("typescript");
    return own;
  } catch {
    return createRequire(import.meta.url);
  }
}

/**
 * The compiler `build` and `typecheck` run: TypeScript 7 (the native compiler, the root's
 * devDependency `typescript-native`, an alias of `typescript@7.x`), found as
 * {@link typescriptRequire} finds TypeScript. It checks and emits the same program in about a
 * fifth of the CPU time of TypeScript 5.9 (core: 18 s -> 3.7 s; components: 21 s -> 5.2 s), which
 * on 2 cores is most of what the build chain (core -> components -> platform -> clusters -> cli)
 * costs; the tarball test's consumer compiles with it too. TypeScript 5.9 (`typescript`) stays for
 * what needs its JavaScript API: the outputs a tsconfig produces (tsc-build.mjs) and the
 * components' values test.
 * @param {string} packageDir
 * @returns {{ bin: string; version: string }}
 */
export function compilerOf(packageDir) {
  const require = typescriptRequire(packageDir);
  let manifestPath;
  try {
    manifestPath = require.resolve("typescript-native/package.json");
  } catch {
    manifestPath = createRequire(import.meta.url).resolve("typescript-native/package.json");
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  return { bin: join(dirname(manifestPath), manifest.bin.tsc), version: manifest.version };
}

/** Where a package's build info, dist digest and input digests live (not published, not in turbo's outputs). */
export const stateDir = (/** @type {string} */ packageDir) => join(packageDir, "node_modules", ".cache", "tsc");

/**
 * The program `build` and `typecheck` both run: the package's tsconfig.json (every file below
 * `src/`, tests included) with the `source` export condition dropped, so workspace dependencies
 * resolve to their built declarations as `tsc -b` resolves project references, not to their
 * sources (the editor and vitest keep the condition). Written to the state folder, since tsc's
 * command line cannot empty a list option; returns its path.
 * @param {string} packageDir
 */
export function checkProject(packageDir) {
  const project = join(stateDir(packageDir), "tsconfig.check.json");
  mkdirSync(dirname(project), { recursive: true });
  writeFileSync(project, `${JSON.stringify({ extends: join(packageDir, "tsconfig.json"), compilerOptions: { customConditions: [] } })}\n`);
  return project;
}

/**
 * Every file below `dir`, as paths relative to it with `/`, sorted.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  if (!existsSync(dir)) return [];
  /** @type {string[]} */
  const out = [];
  const walk = (/** @type {string} */ current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * sha256 over the paths and contents of every file below `dir` ("absent" when there is none).
 * @param {string} dir
 */
export function treeDigest(dir) {
  if (!existsSync(dir)) return "absent";
  const hash = createHash("sha256");
  for (const path of listFiles(dir)) hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update("\0");
  return hash.digest("hex");
}

/**
 * The record of a run that passed: `build.inputs` (tsc-build.mjs) or `typecheck.inputs`
 * (tsc-check.mjs, and tsc-build.mjs, whose program is the check's), each holding the
 * {@link tscInputsDigest} the run saw.
 * @param {string} packageDir
 * @param {"build" | "typecheck"} run
 */
export const passedRecord = (packageDir, run) => join(stateDir(packageDir), `${run}.inputs`);

/**
 * Up to date as `tsc -b` decides it: the recorded digest of the last passing run is `inputs`, and
 * every dependency was built from its current sources.
 * @param {string} packageDir
 * @param {"build" | "typecheck"} run
 * @param {string} inputs the current {@link tscInputsDigest}
 */
export function upToDate(packageDir, run, inputs) {
  const record = passedRecord(packageDir, run);
  return existsSync(record) && readFileSync(record, "utf8").trim() === inputs && dependenciesBuiltFresh(packageDir);
}

/**
 * Whether every workspace package `packageDir` depends on was built from the sources it has now:
 * the input digest its last successful build recorded equals the current one. A dependency built
 * from other sources (edited since, never built) has declarations that may lie about its types.
 * @param {string} packageDir
 */
export function dependenciesBuiltFresh(packageDir) {
  return workspaceDependencies(packageDir).every((dependency) => {
    const recorded = passedRecord(dependency, "build");
    return existsSync(recorded) && readFileSync(recorded, "utf8").trim() === tscInputsDigest(dependency);
  });
}

/**
 * The workspace packages `packageDir` depends on, directly or through each other: folders below
 * the workspace's `packages/` whose name a `workspace:` dependency names.
 * @param {string} packageDir
 * @returns {string[]} absolute package folders, sorted
 */
export function workspaceDependencies(packageDir) {
  const workspace = workspaceRoot(packageDir);
  /** @type {Map<string, string>} package name -> folder */
  const byName = new Map();
  for (const parent of ["packages", "scripts"]) {
    const base = join(workspace, parent);
    const candidates = parent === "scripts" ? [base] : listFolders(base);
    for (const dir of candidates) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest)) byName.set(JSON.parse(readFileSync(manifest, "utf8")).name, dir);
    }
  }
  /** @type {Set<string>} */
  const found = new Set();
  const visit = (/** @type {string} */ dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    for (const [name, spec] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies })) {
      const target = byName.get(name);
      if (typeof spec !== "string" || !spec.startsWith("workspace:") || target === undefined || found.has(target)) continue;
      found.add(target);
      visit(target);
    }
  };
  visit(packageDir);
  return [...found].sort();
}

/**
 * The folder holding `pnpm-workspace.yaml` above `packageDir` (the package itself outside a workspace).
 * @param {string} packageDir
 */
export function workspaceRoot(packageDir) {
  for (let dir = resolve(packageDir); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    if (dirname(dir) === dir) return resolve(packageDir);
  }
}

/** @param {string} dir */
function listFolders(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(dir, entry.name));
}

/**
 * The digest of everything a tsc run of `packageDir` reads (see the file's header).
 * @param {string} packageDir
 * @param {{ root?: string }} [options] the workspace root (lockfile, tsconfig.base.json)
 * @returns {string}
 */
export function tscInputsDigest(packageDir, options = {}) {
  const root = options.root ?? workspaceRoot(packageDir);
  const hash = createHash("sha256");
  const add = (/** @type {string} */ label, /** @type {string} */ path) => {
    hash.update(`${label}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : "absent");
    hash.update("\0");
  };
  hash.update(`typescript ${compilerOf(packageDir).version}\0`);
  for (const file of ["tsconfig.base.json", "pnpm-lock.yaml"]) add(file, join(root, file));
  for (const file of ["package.json", "tsconfig.json", "tsconfig.build.json"]) add(`own ${file}`, join(packageDir, file));
  for (const path of listFiles(join(packageDir, "src"))) add(`own src/${path}`, join(packageDir, "src", path));
  for (const dependency of workspaceDependencies(packageDir)) {
    const name = JSON.parse(readFileSync(join(dependency, "package.json"), "utf8")).name;
    add(`${name} package.json`, join(dependency, "package.json"));
    for (const path of listFiles(join(dependency, "dist")).filter((file) => file.endsWith(".d.ts"))) add(`${name} dist/${path}`, join(dependency, "dist", path));
    for (const path of listFiles(join(dependency, "src")).filter((file) => !file.endsWith(".test.ts") && !emittedByBuild(dependency, file))) {
      add(`${name} src/${path}`, join(dependency, "src", path));
    }
  }
  return hash.digest("hex");
}

/**
 * Whether the package's build emits `src/<file>` (its declarations are then in dist): a `.ts`
 * file whose `.d.ts` exists in dist. Anything else (testing helpers, fixtures, data) is read from
 * source by dependents.
 * @param {string} dependency
 * @param {string} file relative to src/
 */
function emittedByBuild(dependency, file) {
  if (!/\.[cm]?ts$/.test(file) || file.endsWith(".d.ts")) return false;
  return existsSync(join(dependency, "dist", file.replace(/\.([cm]?)ts$/, ".d.$1ts")));
}
