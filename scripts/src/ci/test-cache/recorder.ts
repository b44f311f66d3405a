/**
 * What a test worker reads and spawns, for the per-file test result cache (`cache.ts`).
 *
 * Every path a wrapped `node:fs` / `node:fs/promises` call reads, stats, lists or opens is recorded
 * (absolute), except temp folders (the tests' own output), `node_modules` (the lockfile is in the
 * key), turbo's `.turbo` folders (its logs) and `/proc`, `/sys`, `/dev`. A spawned `kubectl` or `helm` reads what its arguments name:
 * the executable and every existing argument path (folders recursively) are recorded. Any other
 * spawn (node, tsx, tsc, pnpm, a shell, `fork`), `fs.glob` or a `Worker` reads what the recording
 * cannot see: it taints the worker, and no file it runs afterwards is cached.
 */
import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, isAbsolute, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Tools whose whole input is the executable and the paths on their command line (`kubectl kustomize <dir>`, `helm template <chart>`). */
export const pathArgumentTools: ReadonlySet<string> = new Set(["kubectl", "helm"]);

/**
 * How code that starts commands from a helper process (the CLI's verify/command-runner.ts forks
 * one process and sends it `helm` and `kubectl` commands over IPC) lets the recording follow them:
 * `forkingRunner(script)` right before forking `script` (that one fork then records the script
 * instead of tainting), and `command(file, args, cwd)` for every command it has the helper run
 * (recorded like a direct spawn: kubectl and helm by their arguments, anything else taints). It is
 * set on `globalThis` under {@link commandObserverKey} only inside a recording test worker.
 */
export interface CommandObserver {
  readonly forkingRunner: (script: string) => void;
  readonly command: (file: string, args: readonly string[], cwd: string) => void;
}
export const commandObserverKey = Symbol.for("k8s-gitops.test-result-cache.command-observer");

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
  // npm packages (the lockfile is in the key) and turbo's own logs and state (`.turbo/turbo-test.log`,
  // rewritten by every turbo run, read by tests that hash a whole folder such as the CLI's stamp).
  for (const folder of ["node_modules", ".turbo"]) if (path.includes(`${sep}${folder}${sep}`) || path.endsWith(`${sep}${folder}`)) return false;
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
    if (process.env.K8S_GITOPS_TEST_CACHE_TRACE !== undefined && path.endsWith(process.env.K8S_GITOPS_TEST_CACHE_TRACE)) console.error(new Error(`read tree ${path}`).stack);
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
    target[name] = withPromisified(wrapped, original, (args) => record(args[0]));
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
    const wrapped = function (this: unknown, ...args: unknown[]) {
      tainted.push(reason);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    target[name] = withPromisified(wrapped, original, () => tainted.push(reason));
  };
  for (const name of ["glob", "globSync", "watch", "watchFile"]) taint(fsTarget, name, `fs.${name}`);
  taint(promises, "glob", "fs.promises.glob");

  const cpTarget = cp as unknown as Record<string, unknown>;
  const spawnLike = (name: string): void => {
    const original = cpTarget[name];
    if (typeof original !== "function") return;
    const observe = (file: unknown, rest: unknown[]): void => {
      const args = Array.isArray(rest[0]) ? (rest[0] as unknown[]) : [];
      const options = (Array.isArray(rest[0]) ? rest[1] : rest[0]) as { cwd?: string | URL; env?: NodeJS.ProcessEnv; shell?: unknown } | undefined;
      const command = typeof file === "string" ? file : "";
      if (options?.shell === undefined || options.shell === false) observeCommand(name, command, args, options);
      else tainted.push(`${name} ${command} (shell)`);
    };
    const wrapped = function (this: unknown, file: unknown, ...rest: unknown[]) {
      observe(file, rest);
      return (original as (...a: unknown[]) => unknown).call(this, file, ...rest);
    };
    cpTarget[name] = withPromisified(wrapped, original, (args) => observe(args[0], args.slice(1)));
  };
  /** kubectl and helm read their executable and the paths on their command line; any other command taints. */
  const observeCommand = (via: string, command: string, args: readonly unknown[], options: { cwd?: string | URL; env?: NodeJS.ProcessEnv } | undefined): void => {
    if (!pathArgumentTools.has(basename(command))) {
      tainted.push(`${via} ${command}`);
      return;
    }
    const executable = which(command, options?.env);
    if (executable === undefined) tainted.push(`${via} ${command}: not on PATH`);
    else reads.add(executable);
    const cwd = options?.cwd === undefined ? process.cwd() : (pathOf(options.cwd) ?? process.cwd());
    for (const arg of args) {
      if (typeof arg !== "string" || arg.startsWith("-")) continue;
      const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
      if (existsSync(path)) recordTree(path);
    }
  };
  for (const name of ["spawn", "spawnSync", "execFile", "execFileSync"]) spawnLike(name);
  for (const name of ["exec", "execSync"]) taint(cpTarget, name, `child_process.${name}`);

  // fork: taints, except the one fork a command runner announced just before (see CommandObserver).
  const announcedRunners = new Set<string>();
  const originalFork = cpTarget["fork"];
  if (typeof originalFork === "function") {
    cpTarget["fork"] = function (this: unknown, modulePath: unknown, ...rest: unknown[]) {
      const path = pathOf(modulePath);
      if (path !== undefined && announcedRunners.delete(path)) reads.add(path);
      else tainted.push(`child_process.fork ${String(modulePath)}`);
      return (originalFork as (...a: unknown[]) => unknown).call(this, modulePath, ...rest);
    };
  }
  const observer: CommandObserver = {
    forkingRunner: (script) => {
      announcedRunners.add(resolve(script));
    },
    command: (file, args, cwd) => observeCommand("command runner", file, args, { cwd }),
  };
  (globalThis as { [commandObserverKey]?: CommandObserver })[commandObserverKey] = observer;
  return { reads, tainted, original: { mkdirSync: fs.mkdirSync, writeFileSync: fs.writeFileSync } };
}

/**
 * `util.promisify(execFile)` (and `exec`, `fs.exists`) does not call the function it is given: it
 * calls the function's `util.promisify.custom`, which holds the original. A wrapper that dropped it
 * would change what promisify returns (only stdout, not `{ stdout, stderr }`) and, worse, let the
 * call bypass the recording. So the wrapper gets its own custom, observing the call first.
 */
function withPromisified(wrapped: (...args: never[]) => unknown, original: unknown, observe: (args: unknown[]) => void): (...args: never[]) => unknown {
  const custom = (original as { [promisify.custom]?: unknown })[promisify.custom];
  if (typeof custom === "function") {
    Object.defineProperty(wrapped, promisify.custom, {
      value: function (this: unknown, ...args: unknown[]) {
        observe(args);
        return (custom as (...a: unknown[]) => unknown).apply(this, args);
      },
      configurable: true,
    });
  }
  return wrapped;
}
