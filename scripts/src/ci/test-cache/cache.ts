/**
 * A per-file test result cache inside vitest: what turbo does per package, per test file.
 *
 * The key of a test file is a sha256 over the content of every workspace file in its import closure
 * (esbuild's metafile with the `source` condition, the resolution vitest uses; npm packages are
 * covered by the lockfile), the package's vitest config, `vitest.shared.ts`, the tsconfigs, this
 * cache's own sources, the lockfile, Node's version and platform, and the environment variables the
 * turbo tasks declare. Beside the key, a passing run stores the digest of every path its worker read
 * (`recorder.ts`: file content, a folder's listing, or absence). A file is replayed only when the key
 * is the same and every recorded path still has its digest.
 *
 * Never cached: a file whose last run failed, skipped a test or has a todo; a run with unhandled
 * errors; a file whose closure esbuild cannot bundle, holds an import it cannot follow (non-literal
 * `import()` / `require`, `createRequire`, `vi.importActual`, `import.meta.glob`, `new Worker`), or
 * whose worker spawned a process the recording cannot follow. `UPDATE_GOLDEN`, `vitest -u` and
 * `K8S_GITOPS_TEST_CACHE=off` disable it. It lives in `node_modules/.cache/k8s-gitops-test-results/`
 * of the clone, so a fresh clone starts empty.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import type { Reporter, TestModule, TestSpecification, Vitest } from "vitest/node";
import { BaseSequencer } from "vitest/node";

const cacheSources = resolve(import.meta.dirname);
export const workspaceDir = resolve(import.meta.dirname, "..", "..", "..", "..");
/** The setup file each worker runs (records reads). */
export const recordSetupFile = join(cacheSources, "record.ts");

/** Bumped when the record format or the key's meaning changes. */
const formatVersion = "1";

/** Environment variables every key includes: what the turbo test tasks declare, and the locale/time zone. */
const fixedKeyEnv = ["CI", "UPDATE_GOLDEN", "XDG_CACHE_HOME", "NODE_OPTIONS", "TZ", "LANG", "LC_ALL", "LC_CTYPE"];

/** Whether the cache is on: `K8S_GITOPS_TEST_CACHE=off` or `UPDATE_GOLDEN` (golden files are written) turn it off. */
export function testCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.K8S_GITOPS_TEST_CACHE === "off" || env.K8S_GITOPS_TEST_CACHE === "0") return false;
  return env.UPDATE_GOLDEN === undefined || env.UPDATE_GOLDEN === "";
}

const sha = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Digest of what a path holds now: a file's content, a folder's listing, or its absence. */
export function pathDigest(path: string): string {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch {
    return "absent";
  }
  if (stats.isDirectory()) {
    const entries = readdirSync(path, { withFileTypes: true }).map((entry) => `${entry.isDirectory() ? "d" : "f"}:${entry.name}`);
    return `dir:${sha(entries.sort().join("\n"))}`;
  }
  try {
    return `file:${sha(readFileSync(path))}`;
  } catch {
    return "unreadable";
  }
}

/**
 * Every bare import that resolves into `node_modules` (an npm package, covered by the lockfile) stays
 * external; one that resolves to a workspace package's sources (pnpm links them, esbuild follows the
 * link to the real path), whatever its name (`k8s-gitops` is the CLI), is bundled.
 */
/** Keeps npm packages out of a bundle (the lockfile covers them) and follows every workspace package, whatever its name. */
export const npmExternal: Plugin = {
  name: "npm-external",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === npmExternal) return undefined;
      const resolved = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: npmExternal });
      if (resolved.errors.length > 0 || resolved.external || resolved.path.split(/[\\/]/).includes("node_modules")) return { path: args.path, external: true };
      return resolved;
    });
  },
};

/**
 * Source text the bundle cannot follow: the module reaches files the closure does not list. An
 * `import()` of anything but a string literal is one: esbuild leaves `import(variable)` alone
 * without a warning (it warns only for a template it tried to glob).
 */
export const unfollowedImport = /\bcreateRequire\s*\(|\bvi\.(importActual|importMock)\b|import\.meta\.glob\b|\bnew Worker\b|\brequire\.resolve\b|(?<![.\w$])import\s*\(\s*(?!["'])/;

/**
 * `createRequire(import.meta.url)("an-npm-package")` or `createRequire(import.meta.url).resolve("an-npm-package/file")`:
 * an npm package, which the lockfile covers.
 */
const npmRequire = /\bcreateRequire\(import\.meta\.url\)(?:\.resolve)?\(\s*(["'])[^./"'][^"']*\1\s*\)/g;

/** Whether a module's source holds an import the bundle cannot follow. */
export function hasUnfollowedImport(source: string): boolean {
  return unfollowedImport.test(source.replace(npmRequire, ""));
}

export interface Closure {
  /** Workspace-relative paths of the closure, or undefined when the file cannot be cached. */
  readonly files?: readonly string[];
  readonly reason?: string;
}

/**
 * esbuild's bundle of `entryPoints` as vitest resolves them (the `source` condition, npm packages
 * external), written nowhere: its metafile is the import graph (`inputs` and their `imports`).
 */
export function bundleImports(entryPoints: readonly string[], root = workspaceDir) {
  return build({
    entryPoints: [...entryPoints],
    absWorkingDir: root,
    outdir: join(root, "node_modules", ".cache", "k8s-gitops-test-closure"),
    bundle: true,
    write: false,
    metafile: true,
    platform: "node",
    format: "esm",
    conditions: ["source"],
    plugins: [npmExternal],
    logLevel: "silent",
  });
}

/** The workspace files each test file imports, as vitest resolves them; a file esbuild cannot follow has no closure. */
export async function importClosures(testFiles: readonly string[], root = workspaceDir): Promise<Map<string, Closure>> {
  const closures = new Map<string, Closure>();
  if (testFiles.length === 0) return closures;
  let result: Awaited<ReturnType<typeof bundleImports>>;
  try {
    result = await bundleImports(testFiles, root);
  } catch (error) {
    for (const file of testFiles) closures.set(file, { reason: `esbuild: ${(error as Error).message.split("\n")[0]}` });
    return closures;
  }
  // A non-literal import() or require() is left unbundled with a warning: its module's importers cannot be cached.
  const warned = new Set(result.warnings.flatMap((warning) => (warning.location === null ? ["*"] : [resolve(root, warning.location.file)])));
  // The closure is the static import graph from the entry (metafile `inputs` and their `imports`),
  // not an output's `inputs`: those leave out modules tree-shaking dropped (every package is
  // `sideEffects: false`), while Node evaluates every module imported, used or not, and a top-level
  // throw there fails the test.
  const graph = result.metafile?.inputs ?? {};
  const reachable = (entry: string): string[] => {
    const seen = new Set<string>([entry]);
    const queue = [entry];
    for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
      for (const imported of graph[next]?.imports ?? []) {
        if (imported.external || seen.has(imported.path) || graph[imported.path] === undefined) continue;
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
    return [...seen];
  };
  for (const output of Object.values(result.metafile?.outputs ?? {})) {
    if (output.entryPoint === undefined) continue;
    const entry = resolve(root, output.entryPoint);
    const files = reachable(output.entryPoint).map((input) => resolve(root, input));
    const unfollowed = files.find((file) => warned.has(file) || hasUnfollowedImport(readFileSync(file, "utf8")));
    closures.set(entry, warned.has("*") || unfollowed !== undefined ? { reason: `import the bundle cannot follow in ${relative(root, unfollowed ?? "?")}` } : { files: files.map((file) => relative(root, file)) });
  }
  for (const file of testFiles) if (!closures.has(file)) closures.set(file, { reason: "no bundle output" });
  return closures;
}

interface StoredResult {
  readonly key: string;
  /** Absolute path -> digest ({@link pathDigest}) of everything the worker read. */
  readonly reads: Readonly<Record<string, string>>;
}

interface PendingReads {
  readonly runId: string;
  readonly file: string;
  readonly reads: readonly string[];
  readonly tainted: readonly string[];
}

/** State shared by the sequencer (decides what replays) and the reporter (stores what passed) of one package. */
export interface TestResultCache {
  /** The workspace root: closures are resolved from it, the shared files of the key are read in it. */
  readonly root: string;
  readonly packageDir: string;
  readonly dir: string;
  readonly runId: string;
  /** Key per `<project>\0<file>` computed in this run; absent when the file cannot be cached. */
  readonly keys: Map<string, string>;
  readonly reasons: Map<string, string>;
}

const entryId = (project: string, file: string): string => `${project}\0${file}`;
const recordPath = (cache: TestResultCache, id: string): string => join(cache.dir, `${sha(id)}.json`);

function baseKey(root: string, packageDir: string, env: NodeJS.ProcessEnv): string {
  const files = [
    "pnpm-lock.yaml",
    "vitest.shared.ts",
    "tsconfig.base.json",
    relative(root, join(packageDir, "vitest.config.ts")),
    relative(root, join(packageDir, "tsconfig.json")),
    relative(root, join(packageDir, "package.json")),
  ];
  const own = readdirSync(cacheSources).filter((name) => !name.endsWith(".test.ts")).sort();
  const envNames = [...new Set([...fixedKeyEnv, ...Object.keys(env).filter((name) => name.startsWith("K8S_GITOPS_") && !name.startsWith("K8S_GITOPS_TEST_CACHE"))])].sort();
  return sha(
    JSON.stringify({
      formatVersion,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      files: files.map((file) => [file, pathDigest(join(root, file))]),
      cache: own.map((name) => [name, pathDigest(join(cacheSources, name))]),
      env: envNames.map((name) => [name, env[name] ?? null]),
    }),
  );
}

/** Creates the cache of one package and exports the run id and folder the workers' recorder reads. */
export function createTestResultCache(packageDir: string, env: NodeJS.ProcessEnv = process.env, root = workspaceDir): TestResultCache {
  const dir = join(root, "node_modules", ".cache", "k8s-gitops-test-results", basename(packageDir));
  const runId = randomUUID();
  env.K8S_GITOPS_TEST_CACHE_DIR = dir;
  env.K8S_GITOPS_TEST_CACHE_RUN = runId;
  return { root, packageDir, dir, runId, keys: new Map(), reasons: new Map() };
}

/** Whether a stored result still holds: same key, every recorded path unchanged. */
function replayable(cache: TestResultCache, id: string, key: string, digests: Map<string, string>): boolean {
  let stored: StoredResult;
  try {
    stored = JSON.parse(readFileSync(recordPath(cache, id), "utf8")) as StoredResult;
  } catch {
    return false;
  }
  if (stored.key !== key) return false;
  for (const [path, digest] of Object.entries(stored.reads)) {
    let now = digests.get(path);
    if (now === undefined) {
      now = pathDigest(path);
      digests.set(path, now);
    }
    if (now !== digest) return false;
  }
  return true;
}

/**
 * Splits the files of a run into the ones to run and the ones replayed; computes the keys of the
 * ones to run for the reporter.
 */
export async function partition(cache: TestResultCache, specs: readonly { readonly moduleId: string; readonly project: string }[], env: NodeJS.ProcessEnv = process.env) {
  const base = baseKey(cache.root, cache.packageDir, env);
  const closures = await importClosures([...new Set(specs.map((spec) => spec.moduleId))], cache.root);
  const contentDigests = new Map<string, string>();
  const readDigests = new Map<string, string>();
  const replayed: string[] = [];
  const run: string[] = [];
  for (const spec of specs) {
    const id = entryId(spec.project, spec.moduleId);
    const closure = closures.get(spec.moduleId);
    if (closure?.files === undefined) {
      cache.reasons.set(id, closure?.reason ?? "no closure");
      run.push(id);
      continue;
    }
    const parts = closure.files.map((file) => {
      let digest = contentDigests.get(file);
      if (digest === undefined) {
        digest = pathDigest(join(cache.root, file));
        contentDigests.set(file, digest);
      }
      return `${file}\0${digest}`;
    });
    const key = sha([base, spec.project, relative(cache.root, spec.moduleId), ...parts.sort()].join("\n"));
    cache.keys.set(id, key);
    (replayable(cache, id, key, readDigests) ? replayed : run).push(id);
  }
  return { replayed, run };
}

/** Stores the result of every file of the run that passed with no skipped or todo test, and forgets every other. */
export function storeResults(cache: TestResultCache, modules: readonly TestModule[], unhandledErrors: number): { stored: number; notStored: string[] } {
  const notStored: string[] = [];
  let stored = 0;
  const digests = new Map<string, string>();
  mkdirSync(cache.dir, { recursive: true });
  for (const module of modules) {
    const id = entryId(module.project.name, module.moduleId);
    const forget = (reason: string) => {
      rmSync(recordPath(cache, id), { force: true });
      notStored.push(`${relative(cache.root, module.moduleId)}: ${reason}`);
    };
    const key = cache.keys.get(id);
    const pendingFile = join(cache.dir, "pending", `${sha(module.moduleId)}.json`);
    let pending: PendingReads | undefined;
    try {
      pending = JSON.parse(readFileSync(pendingFile, "utf8")) as PendingReads;
      rmSync(pendingFile, { force: true });
    } catch {}
    const tests = [...module.children.allTests()];
    const passed = module.state() === "passed" && module.errors().length === 0 && tests.length > 0 && tests.every((test) => test.result().state === "passed");
    if (!passed) forget("did not pass every test (failed, skipped or todo)");
    else if (unhandledErrors > 0) forget("the run had unhandled errors");
    else if (key === undefined) forget(cache.reasons.get(id) ?? "no key");
    else if (pending === undefined || pending.runId !== cache.runId) forget("no read record from this run");
    else if (pending.tainted.length > 0) forget(`its worker ran what the recording cannot follow: ${[...new Set(pending.tainted)].join(", ")}`);
    else {
      const reads: Record<string, string> = {};
      for (const path of pending.reads) {
        let digest = digests.get(path);
        if (digest === undefined) {
          digest = pathDigest(path);
          digests.set(path, digest);
        }
        reads[path] = digest;
      }
      writeFileSync(recordPath(cache, id), JSON.stringify({ key, reads } satisfies StoredResult));
      stored++;
    }
  }
  return { stored, notStored };
}

const verbose = (vitest: Vitest): boolean =>
  process.env.K8S_GITOPS_TEST_CACHE === "verbose" || vitest.config.reporters.some((reporter) => (Array.isArray(reporter) ? reporter[0] : reporter) === "verbose");

/**
 * `files` with the ones `last` names (paths relative to `packageDir`) moved after all others, each
 * group in its given order: each file's record holds everything its worker did up to its end, so
 * nothing may follow a file whose worker spawned a process the recording cannot follow. With
 * `storable`, the files that can never be stored (no key: their closure holds an import the bundle
 * cannot follow, such as the CLI's config loader) run after the storable ones and before `last`:
 * their reads (a rendered estate, a config folder) would otherwise widen the record of every
 * storable file after them, and a change to any of those reads would rerun it.
 */
export function runLastAfterOthers<T extends { readonly moduleId: string }>(
  files: readonly T[],
  packageDir: string,
  last: readonly string[],
  storable: (file: T) => boolean = () => true,
): T[] {
  const runLast = new Set(last.map((path) => resolve(packageDir, path)));
  const isLast = (spec: T) => runLast.has(resolve(spec.moduleId));
  return [
    ...files.filter((spec) => !isLast(spec) && storable(spec)),
    ...files.filter((spec) => !isLast(spec) && !storable(spec)),
    ...files.filter(isLast),
  ];
}

/** The sequencer that leaves out the files the cache replays (vitest runs what `sort` returns), `last` files at the end. */
export function cachingSequencer(cache: TestResultCache, last: readonly string[] = []): typeof BaseSequencer {
  return class TestResultCacheSequencer extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const sorted = await super.sort(files);
      if (this.ctx.config.snapshotOptions.updateSnapshot === "all") return runLastAfterOthers(sorted, cache.packageDir, last);
      const { replayed } = await partition(
        cache,
        sorted.map((spec) => ({ moduleId: spec.moduleId, project: spec.project.name })),
      );
      const skip = new Set(replayed);
      const label = basename(cache.packageDir);
      this.ctx.logger.log(`${label}: ${skip.size} of ${sorted.length} test files replayed from the result cache (closure and reads unchanged)`);
      // A run whose every file replays ran nothing, which vitest would report as "No test files found".
      if (skip.size > 0) this.ctx.config.passWithNoTests = true;
      if (verbose(this.ctx)) for (const id of replayed) this.ctx.logger.log(`  replayed ${id.replace("\0", " ")}`);
      const toRun = sorted.filter((spec) => !skip.has(entryId(spec.project.name, spec.moduleId)));
      return runLastAfterOthers(toRun, cache.packageDir, last, (spec) => cache.keys.has(entryId(spec.project.name, spec.moduleId)));
    }
  };
}

/** The reporter that stores the results (added by the plugin, so `--reporter` on the command line keeps it). */
export function cachingReporter(cache: TestResultCache): Reporter {
  return {
    onTestRunEnd(modules, unhandledErrors, reason) {
      if (reason === "interrupted") return;
      const { notStored } = storeResults(cache, modules, unhandledErrors.length);
      if (process.env.K8S_GITOPS_TEST_CACHE === "verbose") for (const line of notStored) console.log(`  not cached: ${line}`);
    },
  };
}

/** The vitest config of the cache: sequencer, setup file, and the plugin that adds the reporter. */
export function testCacheConfig(packageDir: string, last: readonly string[] = []) {
  // vitest loads the config file again for each project (a new module instance each time): one
  // cache, reporter and sequencer per package and process, or the keys the sequencer computes would
  // not be the ones the reporter stores.
  const registry = globalThis as { [registryKey]?: Map<string, ReturnType<typeof createCacheConfig>> };
  registry[registryKey] ??= new Map();
  let config = registry[registryKey].get(packageDir);
  if (config === undefined) {
    config = createCacheConfig(packageDir, last);
    registry[registryKey].set(packageDir, config);
  }
  return config;
}

const registryKey = Symbol.for("k8s-gitops.test-result-cache.configs");

function createCacheConfig(packageDir: string, last: readonly string[]) {
  const cache = createTestResultCache(packageDir);
  const reporter = cachingReporter(cache);
  const added = new WeakSet<object>();
  return {
    plugins: [
      {
        name: "k8s-gitops:test-result-cache",
        configureVitest({ vitest }: { vitest: Vitest }) {
          if (added.has(vitest)) return;
          added.add(vitest);
          (vitest.config.reporters as unknown[]).push(reporter);
        },
      },
    ],
    setupFiles: [recordSetupFile],
    sequencer: cachingSequencer(cache, last),
    cache,
  };
}

