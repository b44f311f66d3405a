import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { run, runChecked, type RunResult } from "./run.js";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { installScratch, workspaceStoreDir } from "./scratch.js";

const node = process.execPath;
const cwd = process.cwd();

describe("run", () => {
  test("GIVEN a command that reads standard input WHEN run THEN it reads end-of-file at once instead of waiting", async () => {
    const result = await run(node, ["-e", "process.stdin.on('end', () => console.log('eof')).resume()"], { cwd, timeoutMs: 20_000 });
    expect(result).toEqual({ code: 0, stdout: "eof\n", stderr: "" });
  });

  test("GIVEN a command that outlives its timeout WHEN run THEN it is killed and reported as timed out with code 124", async () => {
    const started = Date.now();
    const result = await run(node, ["-e", "console.log('started'); setInterval(() => {}, 1000)"], { cwd, timeoutMs: 1_500 });
    expect(result).toMatchObject({ code: 124, timedOut: true, stdout: "started\n" });
    expect(Date.now() - started).toBeLessThan(15_000);
    await expect(runChecked(node, ["-e", "setInterval(() => {}, 1000)"], { cwd, timeoutMs: 500 })).rejects.toThrow(/was killed after 500 ms/);
  });

  test("GIVEN a failing command WHEN run THEN its exit code and output come back; runChecked throws with them", async () => {
    const script = "console.log('out'); console.error('err'); process.exit(3)";
    expect(await run(node, ["-e", script], { cwd })).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
    await expect(runChecked(node, ["-e", script], { cwd })).rejects.toThrow(/exited with 3\nout\n\nerr/);
  });

  test("GIVEN a command that does not exist WHEN run THEN it rejects naming the command", async () => {
    await expect(run("k8s-gitops-no-such-command", ["x"], { cwd })).rejects.toThrow(/cannot run k8s-gitops-no-such-command x/);
  });
});

describe("installScratch", () => {
  // The warning of each stalled attempt, kept out of the test log (a real-looking "pnpm install
  // stalled" line there sent readers looking for a stall that never happened).
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const scripted = (results: RunResult[]) => {
    const calls: string[][] = [];
    const runCommand: typeof run = async (command, args) => {
      calls.push([command, ...args]);
      return results.shift()!;
    };
    return { calls, runCommand };
  };

  test("GIVEN an install that stalls once WHEN installing THEN it is tried again and the second result is returned", async () => {
    const { calls, runCommand } = scripted([
      { code: 124, stdout: "", stderr: "", timedOut: true },
      { code: 0, stdout: "Done", stderr: "" },
    ]);
    const result = await installScratch(cwd, { env: {}, runCommand });
    expect(result).toEqual({ code: 0, stdout: "Done", stderr: "" });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(["pnpm", "install", "--prefer-offline", "--no-frozen-lockfile", "--ignore-workspace", "--reporter=append-only"]);
    expect(warnings).toEqual([`pnpm install in ${cwd} stalled for 70000 ms (attempt 1 of 3), killed\n`]);
  });

  test("GIVEN an install that fails without stalling WHEN installing THEN it is not retried", async () => {
    const { calls, runCommand } = scripted([{ code: 1, stdout: "", stderr: "ERR_PNPM_NO_MATCHING_VERSION" }]);
    expect(await installScratch(cwd, { env: {}, runCommand })).toMatchObject({ code: 1 });
    expect(calls).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  test("GIVEN an install that stalls every time WHEN installing THEN it gives up after the attempts and returns the timeout", async () => {
    const stalled: RunResult = { code: 124, stdout: "", stderr: "", timedOut: true };
    const { calls, runCommand } = scripted([stalled, stalled, stalled]);
    expect(await installScratch(cwd, { env: {}, runCommand })).toMatchObject({ code: 124, timedOut: true });
    expect(calls).toHaveLength(3);
    expect(warnings.map((line) => /attempt (\d) of 3/.exec(line)?.[1])).toEqual(["1", "2", "3"]);
  });
});

describe("workspaceStoreDir", () => {
  const scratch = scratchDirs("k8s-gitops-store-dir-");
  afterEach(scratch.cleanup);

  test("GIVEN an installed workspace THEN its store is the one pnpm recorded, and a consumer install names it", async () => {
    const root = scratch.withFiles({ "node_modules/.modules.yaml": '{\n  "layoutVersion": 5,\n  "storeDir": "/home/dev/.local/share/pnpm/store/v10",\n  "virtualStoreDir": ".pnpm"\n}\n' });
    const store = workspaceStoreDir(root);
    expect(store).toBe("/home/dev/.local/share/pnpm/store/v10");
    const calls: string[][] = [];
    const record: typeof run = async (command, args) => {
      calls.push([command, ...args]);
      return { code: 0, stdout: "", stderr: "" };
    };
    await installScratch(cwd, { env: {}, attempts: 1, runCommand: record, ...(store === undefined ? {} : { storeDir: store }) });
    expect(calls[0]?.slice(-2)).toEqual(["--store-dir", "/home/dev/.local/share/pnpm/store/v10"]);
  });

  test("GIVEN a workspace not installed yet THEN there is no store to name", () => {
    expect(workspaceStoreDir(scratch.make())).toBeUndefined();
  });
});

