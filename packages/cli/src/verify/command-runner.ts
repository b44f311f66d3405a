/**
 * Runs verify's external commands (`helm template`, `kubectl kustomize`) from one small helper
 * process instead of from verify's own.
 *
 * Why: Node starts a child with fork + exec (libuv `uv_spawn`, src/unix/process.c), and the fork
 * copies the page tables of the whole parent. Verify's heap grows past 1 GB (parsed renders, CRD
 * schemas), and a CPU profile of a cold run showed 19 s of its main thread in
 * `ChildProcess.spawn` for about 870 commands, plus the kernel time of the copies. The helper is a
 * plain Node process of about 40 MB that never holds a render, so each of its forks is cheap; the
 * output comes back over the IPC channel with V8's serializer (`serialization: "advanced"`).
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Environment added to the Go tools verify runs (helm, kubectl kustomize): Go's GC target
 * `GOGC=400`, unless the user set GOGC. Each run is a short process that allocates a lot;
 * collecting less often cut the CPU time of a render by 9-13% (cilium, external-secrets,
 * flux-instance) and of a kustomize build by about 20%, for a larger peak heap (tens of MB). The
 * GC target changes when memory is reclaimed, never what the program computes.
 */
export const goToolEnvironment = (env: Readonly<Record<string, string | undefined>> = process.env): Record<string, string> => ({ GOGC: env["GOGC"] ?? "400" });

/** What the command printed (stdout, stderr), as `execFile` returns it. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The error of a command that failed: like `execFile`'s (`message`, `code` = exit code or errno
 * name, `signal`), with `stdout` and `stderr` attached as `util.promisify(execFile)` does.
 */
export interface CommandError extends Error {
  readonly code?: number | string;
  readonly signal?: string;
  readonly stdout: string;
  readonly stderr: string;
}

interface Reply {
  readonly id: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: { readonly message: string; readonly code?: number | string; readonly signal?: string };
}

interface Pending {
  readonly resolve: (output: CommandOutput) => void;
  readonly reject: (error: Error) => void;
}

const childScript = fileURLToPath(new URL("./command-runner-child.mjs", import.meta.url));
let helper: ChildProcess | undefined;
/** The helper's working directory (where it resolves relative paths of the commands it runs). */
let helperCwd = process.cwd();

/**
 * The per-file test result cache's recorder (scripts/src/ci/test-cache/recorder.ts), present on
 * `globalThis` only inside one of its test workers: told about the helper's fork and each command
 * the helper runs, it records what helm and kubectl read as it does for a direct spawn, instead of
 * giving up on every test that verifies through the helper. Outside those workers this is a no-op.
 */
interface CommandObserver {
  readonly forkingRunner: (script: string) => void;
  readonly command: (file: string, args: readonly string[], cwd: string) => void;
}
const observer = (): CommandObserver | undefined => (globalThis as { [key: symbol]: CommandObserver | undefined })[Symbol.for("k8s-gitops.test-result-cache.command-observer")];
const pending = new Map<number, Pending>();
let nextId = 0;

function startHelper(): ChildProcess {
  helperCwd = process.cwd();
  observer()?.forkingRunner(childScript);
  // execArgv [] : a plain node, without the parent's loaders (tsx) or profiling flags.
  const child = fork(childScript, [], { execArgv: [], serialization: "advanced", stdio: ["ignore", "inherit", "inherit", "ipc"] });
  child.on("message", (message) => {
    const reply = message as Reply;
    const waiting = pending.get(reply.id);
    if (waiting === undefined) return;
    pending.delete(reply.id);
    if (pending.size === 0) child.channel?.unref();
    if (reply.error === undefined) {
      waiting.resolve({ stdout: reply.stdout, stderr: reply.stderr });
      return;
    }
    const error = Object.assign(new Error(reply.error.message), { code: reply.error.code, signal: reply.error.signal, stdout: reply.stdout, stderr: reply.stderr });
    waiting.reject(error);
  });
  child.on("exit", (code, signal) => {
    if (helper === child) helper = undefined;
    const failed = [...pending.values()];
    pending.clear();
    for (const waiting of failed) waiting.reject(new Error(`the command runner process exited (${signal ?? code}) before the command finished`));
  });
  child.on("error", () => {
    // Reported through "exit" (or the failed send below).
  });
  // Neither the helper nor its channel keeps verify alive; the channel is referenced while a command runs.
  child.unref();
  child.channel?.unref();
  return child;
}

/**
 * Runs `file` with `args` (no shell), feeding `input` on stdin, and resolves with its output; a
 * non-zero exit rejects with a {@link CommandError}. `maxBuffer` limits stdout and stderr as in
 * `execFile` (default 512 MiB); `env` is added to the environment the command inherits.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: { readonly input?: string; readonly maxBuffer?: number; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<CommandOutput> {
  const child = helper ?? startHelper();
  helper = child;
  observer()?.command(file, args, helperCwd);
  const id = nextId++;
  return new Promise<CommandOutput>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    child.channel?.ref();
    child.send({ id, file, args: [...args], input: options.input, maxBuffer: options.maxBuffer ?? 512 * 1024 * 1024, env: options.env }, (error) => {
      if (error === null || !pending.has(id)) return;
      pending.delete(id);
      reject(error);
    });
  });
}

/**
 * Ends the helper process when no command is running (the next {@link runCommand} starts a new
 * one) and waits for it to exit, so its CPU time and that of its commands count as the caller's
 * children's (`/usr/bin/time`, `process.resourceUsage`'s children are only those waited for).
 */
export async function stopCommandRunner(): Promise<void> {
  const child = helper;
  if (child === undefined || pending.size > 0) return;
  helper = undefined;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // Referenced again, so verify waits for the exit instead of ending with the helper unreaped.
  child.ref();
  child.disconnect();
  await exited;
}
