import { spawnSync } from "node:child_process";

/** One finished child process and its wall time as seen from the parent (start-up included). */
export interface ProcessRun {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion and times it; never throws for a non-zero exit. */
export function runProcess(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ProcessRun {
  const start = performance.now();
  const result = spawnSync(command, [...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  return { ms, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The run, or an error naming the command and what it printed when it exited non-zero. */
export function expectSuccess(what: string, run: ProcessRun, allowed: readonly number[] = [0]): ProcessRun {
  if (run.status !== null && allowed.includes(run.status)) return run;
  throw new Error(`${what} exited with ${run.status}: ${(run.stderr || run.stdout).trim().slice(0, 2000)}`);
}
