import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse } from "yaml";
import { run, type RunResult } from "./run.js";

/** What a consumer project outside the workspace installs. */
export interface ScratchSpec {
  /** Package name → tarball path. */
  readonly tarballs: Readonly<Record<string, string>>;
  /** Registry packages with exact versions (the workspace's own pins, so the store already has them). */
  readonly devDependencies: Readonly<Record<string, string>>;
  /** `pnpm@x.y.z`, so corepack (where used) runs the workspace's pnpm. */
  readonly packageManager?: string;
}

/**
 * package.json of the consumer project. The tarballs depend on each other by version (pnpm pack
 * rewrote `workspace:*`); the overrides point those at the tarballs too, so nothing is looked up
 * in the registry under our package names.
 */
export function scratchManifest(spec: ScratchSpec): Record<string, unknown> {
  const local = Object.fromEntries(Object.entries(spec.tarballs).map(([name, path]) => [name, `file:${path}`]));
  return {
    name: "k8s-gitops-consumer",
    private: true,
    type: "module",
    ...(spec.packageManager ? { packageManager: spec.packageManager } : {}),
    dependencies: local,
    devDependencies: { ...spec.devDependencies },
    pnpm: { overrides: local },
  };
}

/**
 * A consumer's tsconfig: strict NodeNext and no custom conditions, so `@k8s-gitops/*` resolve the
 * way they do for any other project. skipLibCheck is off: the shipped declarations are checked too.
 */
export function scratchTsconfig(include: readonly string[], compilerOptions: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return {
    compilerOptions: {
      target: "ES2022",
      lib: ["ES2023"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      types: ["node"],
      outDir: "out",
      ...compilerOptions,
    },
    include,
  };
}

/** Writes text files below `dir`; JSON values are serialised. */
export function writeFiles(dir: string, files: Readonly<Record<string, string | Record<string, unknown>>>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, typeof content === "string" ? content : `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** The environment minus what `pnpm run`/`pnpm exec` set for the workspace package running the test. */
export function scratchEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([key]) => !/^(npm_package_|npm_lifecycle_|PNPM_PACKAGE_NAME$|PNPM_SCRIPT_SRC_DIR$|INIT_CWD$|npm_command$)/.test(key)),
  );
}

/** Options of {@link installScratch}. */
export interface InstallOptions {
  /** The environment, less what `pnpm run` set for the package running the test (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Attempts before a stalled install is given up (default 3). */
  readonly attempts?: number;
  /** Runs pnpm (tests pass a fake). */
  readonly runCommand?: typeof run;
  /** The pnpm store to install from: the workspace's, {@link workspaceStoreDir}. */
  readonly storeDir?: string;
}

/** How long one `pnpm install` of a consumer project may take: a warm store installs it in 2-5 s. */
export const installTimeoutMs = 70_000;

/**
 * `pnpm install` in the consumer project. `--prefer-offline` takes packages and metadata from the
 * shared store when they are there (no network), and falls back to the registry in a cold CI.
 * There is no lockfile to freeze, which CI mode would otherwise demand.
 *
 * On a fresh machine an install was once seen to stall for good (no socket open, waiting on
 * nothing, never exiting) while the next one took 3 s; so each attempt is killed after
 * {@link installTimeoutMs} and tried again, up to `options.attempts` times, saying so on stderr. An install
 * that fails (rather than stalls) is not retried: it is a real problem and its output is returned.
 * `options.storeDir` (the workspace's, {@link workspaceStoreDir}) keeps a consumer on another filesystem
 * (the tests' temp folder in memory) from getting a store of its own at that filesystem's root.
 */
export async function installScratch(dir: string, options: InstallOptions = {}): Promise<RunResult> {
  const { env = process.env, attempts = 3, runCommand = run, storeDir } = options;
  const args = ["install", "--prefer-offline", "--no-frozen-lockfile", "--ignore-workspace", "--reporter=append-only", ...(storeDir ? ["--store-dir", storeDir] : [])];
  let result: RunResult | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = await runCommand("pnpm", args, { cwd: dir, env: scratchEnv(env), timeoutMs: installTimeoutMs });
    if (!result.timedOut) return result;
    process.stderr.write(`pnpm install in ${dir} stalled for ${installTimeoutMs} ms (attempt ${attempt} of ${attempts}), killed\n`);
  }
  return result!;
}

/**
 * The pnpm store the workspace at `root` was installed from (`storeDir` of
 * `node_modules/.modules.yaml`, which pnpm writes on every install), or `undefined` before an install.
 * A project on another filesystem than its store gets a new store at that filesystem's root
 * (pnpm's store-path resolution), filled from the registry; naming the workspace's store reuses
 * what the workspace install fetched (copied instead of hard-linked across filesystems).
 */
export function workspaceStoreDir(root: string): string | undefined {
  const modules = join(root, "node_modules", ".modules.yaml");
  if (!existsSync(modules)) return undefined;
  const storeDir = (parse(readFileSync(modules, "utf8")) as { storeDir?: unknown } | null)?.storeDir;
  return typeof storeDir === "string" && storeDir !== "" ? storeDir : undefined;
}
