import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { userErrorMessage } from "../testing/rejection.js";
import { scratchDirs } from "../testing/scratch.js";
import { acquireLock, type LockOwner } from "./lock.js";
import { LOCK_FILE } from "./paths.js";
import { generated, readTree } from "./testing/tree.js";
import { checkTree } from "./check-tree.js";
import { writeTree } from "./write-tree.js";

const scratch = scratchDirs("k8s-gitops-lock-");
afterAll(() => scratch.cleanup());

function plantLock(dir: string, owner: Partial<LockOwner>): void {
  const full = { pid: process.ppid, hostname: hostname(), started: "2026-01-01T00:00:00.000Z", token: "planted", ...owner };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(full));
}

/** The pid of a process that has exited, so no process with that pid is alive right now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

async function failure(promise: Promise<unknown>): Promise<{ message: string }> {
  return { message: await userErrorMessage(promise) };
}

describe("the output directory lock", () => {
  it("GIVEN a lock held by a live process WHEN another run starts THEN it waits, says so once, then fails naming the holder", async () => {
    const dir = scratch.make();
    plantLock(dir, { pid: process.ppid });
    const waits: string[] = [];

    const error = await failure(acquireLock(dir, { waitMs: 300, onWait: (owner) => waits.push(String(owner?.pid)) }));

    expect(waits).toEqual([String(process.ppid)]);
    expect(error.message).toContain(`another generate (pid ${process.ppid} on ${hostname()}, started 2026-01-01T00:00:00.000Z)`);
    expect(error.message).toContain(join(dir, LOCK_FILE));
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8")).token).toBe("planted");
  });

  it("GIVEN a stale lock of a killed run on this host WHEN a run starts THEN it takes the lock over and releases it after", async () => {
    const dir = scratch.make();
    plantLock(dir, { pid: deadPid() });

    const lock = await acquireLock(dir, { waitMs: 0 });

    expect(JSON.parse(readFileSync(lock.path, "utf8"))).toMatchObject({ pid: process.pid, hostname: hostname() });
    await lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it("GIVEN an empty lock (a run killed between creating and filling it) WHEN it is fresh THEN runs wait; WHEN old THEN it is taken over", async () => {
    const dir = scratch.make();
    writeFileSync(join(dir, LOCK_FILE), "");

    expect((await failure(acquireLock(dir, { waitMs: 100 }))).message).toContain("a run whose lock file cannot be read");

    utimesSync(join(dir, LOCK_FILE), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const lock = await acquireLock(dir, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock.path, "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("GIVEN a lock from another host WHEN a run starts THEN it is never judged stale", async () => {
    const dir = scratch.make();
    plantLock(dir, { pid: deadPid(), hostname: `not-${hostname()}` });

    const error = await failure(acquireLock(dir, { waitMs: 100 }));

    expect(error.message).toContain(`on not-${hostname()}`);
    expect(error.message).toContain(`delete ${join(dir, LOCK_FILE)}`);
  });

  it("GIVEN a run holding the lock WHEN a write starts THEN the write waits and completes once the lock is released", async () => {
    const outDir = scratch.make();
    const held = await acquireLock(outDir);
    let waited = false;
    const writing = writeTree(generated({ "a.yaml": "a\n" }), { outDir, lock: { onWait: () => (waited = true) } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(existsSync(join(outDir, "a.yaml"))).toBe(false);

    await held.release();
    await writing;

    expect(waited).toBe(true);
    expect(await readTree(outDir)).toEqual(new Map([[".k8s-gitops-manifest.json", expect.any(String)], ["a.yaml", "a\n"]]));
    expect(existsSync(join(outDir, LOCK_FILE))).toBe(false);
  });

  it("GIVEN a write holding the lock WHEN --check starts THEN it waits and compares only the finished tree", async () => {
    const outDir = scratch.make();
    await writeTree(generated({ "a.yaml": "v1\n" }), { outDir });
    const held = await acquireLock(outDir);
    let settled = false;
    const checking = checkTree(generated({ "a.yaml": "v2\n" }), { outDir }).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled).toBe(false);
    // The "write" finishes while --check waits: it must see the new content.
    writeFileSync(join(outDir, "a.yaml"), "v2\n");
    await held.release();

    expect((await checking).ok).toBe(true);
  });

  it("GIVEN a link planted at the lock's path WHEN a run starts THEN it neither follows nor replaces it", async () => {
    const dir = scratch.make();
    const elsewhere = scratch.withFiles({ "target.txt": "outside\n" });
    symlinkSync(join(elsewhere, "target.txt"), join(dir, LOCK_FILE));

    const error = await failure(acquireLock(dir, { waitMs: 0 }));

    expect(error.message).toContain("is a symbolic link");
    expect(readFileSync(join(elsewhere, "target.txt"), "utf8")).toBe("outside\n");
  });
});
