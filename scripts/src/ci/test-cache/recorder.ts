/**
 * What a test worker reads and spawns, for the per-file test result cache (`cache.ts`).
 *
 * Every path a wrapped `node:fs` / `node:fs/promises` call reads, stats, lists or opens is recorded
 * (absolute), except temp folders (the tests' own output), `node_modules` (the lockfile is in the
 * key) and `/proc`, `/sys`, `/dev`. A spawned `kubectl` or `helm` reads what its arguments name:
 * the executable and every existing argument path (folders recursively) are recorded. Any other
 * spawn (node, tsx, tsc, pnpm, a shell, `fork`), `fs.glob` or a `Worker` reads what the recording
 * cannot see: it taints the worker, and no file it runs afterwards is cached.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Tools whose whole input is the executable and the paths on their command line (`kubectl kustomize <dir>`, `helm template <chart>`). */
export const pathArgumentTools: ReadonlySet<string> = new Set(["kubectl", "helm"]);

export interface Recorder {
  /** Absolute paths read so far by this worker. */
  readonly reads: Set<string>;
  /** Why this worker's later files must not be cached (spawns the recording cannot follow). */
  readonly tainted: string[];
  /** The unwrapped functions, for the recorder's own writes. */
  readonly original: { readonly mkdirSync: typeof import("node:fs").mkdirSync; readonly writeFileSync: typeof import("node:fs").writeFileSync };
}

const ignoredPrefixes = (): string[] => {
  const temp = [tmpdir()];
  try {
    temp.push(realpathSync(tmpdir()));
  } catch {}
  return [...temp.map((dir) => dir + sep), "/proc/", "/sys/", "/dev/"];
};

/** The absolute path a fs argument names, or undefined (file descriptors, FileHandles). */
export function pathOf(arg: unknown): string | undefined {
  if (typeof arg === "string") return resolve(arg);
  if (arg instanceof URL) return arg.protocol === "file:" ? fileURLToPath(arg) : undefined;
  if (Buffer.isBuffer(arg)) return resolve(arg.toString());
  return undefined;
}

/**
 * The repository and the shared data folder beside it: always inputs, even when the clone itself
 * sits in the temp folder (CI's `/tmp/ci/repo`, `pnpm bench:ci`'s clone), where a temp-folder rule
 * alone would drop every read and replay tests on a key that misses what they read.
 */
const workspaceRoot = resolve(import.meta.dirname, "..", "..", "..", "..");
const keptPrefixes = (): string[] => [workspaceRoot, resolve(workspaceRoot, "..", "shared")].flatMap((dir) => [dir + sep, dir]);

/** Whether a recorded path is an input of the test (not a temp file, not an npm package). */
export function isRecorded(path: string, ignored: readonly string[] = ignoredPrefixes(), kept: readonly string[] = keptPrefixes()): boolean {
  if (path.includes(`${sep}node_modules${sep}`) || path.endsWith(`${sep}node_modules`)) return false;
  if (kept.some((prefix) => (prefix.endsWith(sep) ? path.startsWith(prefix) : path === prefix))) return true;
  return !ignored.some((prefix) => path.startsWith(prefix));
}

const readingFunctions = [
  "readFile", "readdir", "stat", "lstat", "access", "exists", "open", "opendir", "realpath", "readlink", "copyFile", "cp", "createReadStream",
  "statfs",
] as const;
const promiseFunctions = ["readFile", "readdir", "stat", "lstat", "access", "open", "opendir", "realpath", "readlink", "copyFile", "cp", "statfs"] as const;

function which(command: string, env: NodeJS.ProcessEnv | undefined): string | undefined {
  if (command.includes("/")) return resolve(command);
  for (const dir of (env?.PATH ?? process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Source modules: their content is in the key through the import closure. */
const moduleSource = /\.(?:[cm]?[jt]sx?|map)$/;

/**
 * Whether the frame that called the wrapped fs function is vitest's or vite's own code: vitest reads
 * the source of the modules a stack trace names (code frames, source maps) and of the modules it
 * loads, which are not inputs of the test beyond its import closure. A module read by the test's
 * own code or by another library on its behalf is still recorded.
 */
export function readByTestRunner(stack: string): boolean {
  const frames = stack.split("\n").slice(1).filter((line) => line.includes(" at ") && !line.includes("recorder.ts") && !line.includes("node:"));
  const caller = frames[0] ?? "";
  return /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:vitest|@vitest[\\/][^\\/]+|vite)[\\/]/.test(caller);
}

/** Patches `fs` (and `fs.promises`) and `child_process` in place; call once per worker. */
export function createRecorder(fs: typeof import("node:fs"), cp: typeof import("node:child_process")): Recorder {
  const ignored = ignoredPrefixes();
  const reads = new Set<string>();
  const tainted: string[] = [];
  const record = (arg: unknown): void => {
    const path = pathOf(arg);
    if (path === undefined || !isRecorded(path, ignored) || reads.has(path)) return;
    if (moduleSource.test(path) && readByTestRunner(new Error().stack ?? "")) return;
    if (process.env.K8S_GITOPS_TEST_CACHE_TRACE !== undefined && path.endsWith(process.env.K8S_GITOPS_TEST_CACHE_TRACE)) console.error(new Error(`read ${path}`).stack);
    reads.add(path);
  };
  const recordTree = (path: string): void => {
    if (!isRecorded(path, ignored)) return;
    reads.add(path);
    try {
      if (statSync(path).isDirectory()) for (const name of readdirSync(path)) recordTree(join(path, name));
    } catch {}
  };
  const wrap = (target: Record<string, unknown>, name: string): void => {
    const original = target[name];
    if (typeof original !== "function") return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      record(args[0]);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    Object.assign(wrapped, original);
    target[name] = wrapped;
  };
  const fsTarget = fs as unknown as Record<string, unknown>;
  for (const name of readingFunctions) {
    wrap(fsTarget, name);
    wrap(fsTarget, `${name}Sync`);
  }
  const promises = fs.promises as unknown as Record<string, unknown>;
  for (const name of promiseFunctions) wrap(promises, name);
  const taint = (target: Record<string, unknown>, name: string, reason: string): void => {
    const original = target[name];
    if (typeof original !== "function") return;
    target[name] = function (this: unknown, ...args: unknown[]) {
      tainted.push(reason);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
  };
  for (const name of ["glob", "globSync", "watch", "watchFile"]) taint(fsTarget, name, `fs.${name}`);
  taint(promises, "glob", "fs.promises.glob");

  const cpTarget = cp as unknown as Record<string, unknown>;
  const spawnLike = (name: string): void => {
    const original = cpTarget[name];
    if (typeof original !== "function") return;
    cpTarget[name] = function (this: unknown, file: unknown, ...rest: unknown[]) {
      const args = Array.isArray(rest[0]) ? (rest[0] as unknown[]) : [];
      const options = (Array.isArray(rest[0]) ? rest[1] : rest[0]) as { cwd?: string | URL; env?: NodeJS.ProcessEnv; shell?: unknown } | undefined;
      const command = typeof file === "string" ? file : "";
      if (pathArgumentTools.has(basename(command)) && (options?.shell === undefined || options.shell === false)) {
        const executable = which(command, options?.env);
        if (executable === undefined) tainted.push(`${name} ${command}: not on PATH`);
        else reads.add(executable);
        const cwd = options?.cwd === undefined ? process.cwd() : (pathOf(options.cwd) ?? process.cwd());
        for (const arg of args) {
          if (typeof arg !== "string" || arg.startsWith("-")) continue;
          const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
          if (existsSync(path)) recordTree(path);
        }
      } else {
        tainted.push(`${name} ${command}`);
      }
      return (original as (...a: unknown[]) => unknown).call(this, file, ...rest);
    };
  };
  for (const name of ["spawn", "spawnSync", "execFile", "execFileSync"]) spawnLike(name);
  for (const name of ["exec", "execSync", "fork"]) taint(cpTarget, name, `child_process.${name}`);
  return { reads, tainted, original: { mkdirSync: fs.mkdirSync, writeFileSync: fs.writeFileSync } };
}
