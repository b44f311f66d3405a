import { spawn } from "node:child_process";

/** What a finished child process left behind. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the command was killed for running longer than {@link RunOptions.timeoutMs}. */
  readonly timedOut?: true;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Kill the command (SIGKILL) after this many milliseconds and resolve with `timedOut` and exit
   * code 124 (what coreutils' `timeout` returns) instead of waiting for ever.
   */
  readonly timeoutMs?: number;
}

/**
 * Runs a command without a shell and resolves with its exit code and output, also on a non-zero
 * exit: callers assert on failures (a deliberate type error must make `tsc` fail). Standard input
 * is closed: a command that would stop to ask a question (pnpm does, on a terminal-less pipe left
 * open) reads end-of-file and goes on or fails, instead of waiting on a pipe nobody writes to.
 * @throws Error when the command cannot be started at all (not installed, bad cwd).
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
          }, options.timeoutMs);
    child.on("error", (error) => {
      if (timer !== undefined) clearTimeout(timer);
      reject(new Error(`cannot run ${command} ${args.join(" ")} in ${options.cwd}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      const output = { stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") };
      if (timedOut) return resolvePromise({ code: 124, ...output, timedOut: true });
      // A signal death has no exit code; 128 + signal number is what a shell reports.
      resolvePromise({ code: code ?? 128 + signalNumber(signal), ...output });
    });
  });
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === "SIGKILL" ? 9 : signal === "SIGTERM" ? 15 : signal === "SIGINT" ? 2 : 1;
}

/** Like {@link run}, but a non-zero exit is an error that carries the command's output. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut ? `was killed after ${options.timeoutMs} ms` : `exited with ${result.code}`;
    throw new Error(`${command} ${args.join(" ")} (in ${options.cwd}) ${why}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
