import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

/**
 * `pnpm install` in the consumer project. `--prefer-offline` takes packages and metadata from the
 * shared store when they are there (no network), and falls back to the registry in a cold CI.
 * There is no lockfile to freeze, which CI mode would otherwise demand.
 */
export function installScratch(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return run("pnpm", ["install", "--prefer-offline", "--no-frozen-lockfile", "--ignore-workspace", "--reporter=append-only"], {
    cwd: dir,
    env: scratchEnv(env),
  });
}
