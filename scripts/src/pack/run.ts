import { execFile } from "node:child_process";

/** What a finished child process left behind. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a command without a shell and resolves with its exit code and output, also on a non-zero
 * exit: callers assert on failures (a deliberate type error must make `tsc` fail).
 * @throws Error when the command cannot be started at all (not installed, bad cwd).
 */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (error === null) return resolvePromise({ code: 0, stdout, stderr });
        if (typeof error.code === "number") return resolvePromise({ code: error.code, stdout, stderr });
        reject(new Error(`cannot run ${command} ${args.join(" ")} in ${options.cwd}: ${error.message}`));
      },
    );
  });
}

/** Like {@link run}, but a non-zero exit is an error that carries the command's output. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited with ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
