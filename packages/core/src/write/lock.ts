import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { link, lstat, open, rename, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { UserError } from "../errors/index.js";
import { readRegularFile } from "./contain.js";
import { LOCK_FILE } from "./paths.js";

/** Who holds the lock of an output directory; the lock file's content. */
export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** ISO time at which the run took the lock. */
  readonly started: string;
  /** Unique per acquisition, so a run never mistakes another run's lock for its own. */
  readonly token: string;
}

export interface LockOptions {
  /** How long a run waits for another one to finish. @default 120000 */
  readonly waitMs?: number | undefined;
  /** Called once when the run starts waiting, e.g. to print a message. */
  readonly onWait?: ((owner: LockOwner | undefined, lockPath: string) => void) | undefined;
}

export interface HeldLock {
  readonly path: string;
  /** Removes the lock file if it is still this run's. Idempotent. */
  release(): Promise<void>;
}

const DEFAULT_WAIT_MS = 120_000;
const POLL_MS = 50;
// Created exclusively and never through a link: O_EXCL fails on any existing entry, links included.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describeOwner(owner: LockOwner | undefined): string {
  return owner === undefined
    ? "a run whose lock file cannot be read"
    : `pid ${owner.pid} on ${owner.hostname}, started ${owner.started}`;
}

async function readOwner(path: string, outDir: string): Promise<LockOwner | undefined | "gone"> {
  const buffer = await readRegularFile(path, LOCK_FILE, 4096, outDir);
  if (buffer === undefined) return "gone";
  try {
    const data = JSON.parse(buffer.toString("utf8")) as Partial<LockOwner>;
    if (typeof data.pid === "number" && typeof data.hostname === "string" && typeof data.token === "string") {
      return { pid: data.pid, hostname: data.hostname, started: String(data.started), token: data.token };
    }
  } catch {
    // Unreadable: not ours to judge; waited on and then reported.
  }
  return undefined;
}

/** Whether `pid` is a live process on this host (EPERM: alive, owned by someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === "EPERM";
  }
}

/**
 * A run writes its lock's content right after creating it, so a lock still unreadable after this
 * long belongs to a run killed in between.
 */
const UNREADABLE_STALE_MS = 30_000;

async function isStale(owner: LockOwner | undefined, path: string): Promise<boolean> {
  if (owner === undefined) {
    const stats = await lstat(path).catch(() => undefined);
    return stats !== undefined && Date.now() - stats.mtimeMs > UNREADABLE_STALE_MS;
  }
  return owner.hostname === hostname() && owner.pid !== process.pid && !isAlive(owner.pid);
}

/**
 * Moves a stale lock out of the way without a delete-then-create race: the lock is renamed to a
 * name only this run uses (atomic; of several runs breaking it, exactly one succeeds), and if what
 * was moved is not the stale lock that was judged (another run took over in between), it is
 * linked back into place.
 */
async function breakStaleLock(path: string, outDir: string, stale: LockOwner | undefined, token: string): Promise<void> {
  const aside = `${path}.stale-${token}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return;
    throw error;
  }
  try {
    const moved = await readOwner(aside, outDir);
    if (moved === "gone" || moved?.token === stale?.token) return;
    await link(aside, path).catch(() => undefined);
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

/**
 * Takes the exclusive lock of an output directory (`<outDir>/.k8s-gitops.lock`, created with
 * `O_CREAT | O_EXCL`, holding pid, host, start time and a unique token). A second run waits up to
 * `waitMs`, calling `onWait` once, then fails with a UserError naming the holder. A lock whose pid
 * is not alive on this host (a killed run) is taken over. A lock from another host is never judged
 * stale: the message says how to remove it.
 */
export async function acquireLock(outDir: string, options: LockOptions = {}): Promise<HeldLock> {
  const path = join(outDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), started: new Date().toISOString(), token: randomUUID() };
  // The wait starts when a live holder is first seen, not when this call starts: checking the
  // lock can itself take longer than a short wait on a loaded machine, and the user must still
  // be told once that this run waits.
  let deadline: number | undefined;
  for (;;) {
    try {
      const handle = await open(path, CREATE_NEW, 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`, "utf8");
      } finally {
        await handle.close();
      }
      return { path, release: () => releaseLock(path, outDir, me.token) };
    } catch (error) {
      if (errorCode(error) !== "EEXIST") throw error;
    }
    const owner = await readOwner(path, outDir);
    if (owner === "gone") continue;
    if (await isStale(owner, path)) {
      await breakStaleLock(path, outDir, owner, me.token);
      continue;
    }
    if (deadline === undefined) {
      const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
      deadline = Date.now() + waitMs;
      if (waitMs > 0) options.onWait?.(owner === undefined ? undefined : owner, path);
    }
    if (Date.now() >= deadline) {
      throw new UserError(
        `another generate (${describeOwner(owner)}) holds the lock on ${outDir}; wait for it to finish, ` +
          `or, if no such process runs, delete ${path}`,
      );
    }
    await sleep(POLL_MS);
  }
}

async function releaseLock(path: string, outDir: string, token: string): Promise<void> {
  const owner = await readOwner(path, outDir).catch(() => undefined);
  if (owner !== "gone" && owner?.token === token) await unlink(path).catch(() => undefined);
}

/** Errors meaning this user cannot create anything in the output directory. */
const READ_ONLY = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * Takes the lock like {@link acquireLock}, except on a tree this user cannot write (read-only
 * mount or checkout, no permission): then no run of this user can write it either, so a reader
 * needs no lock, and the error is handed back for a writer to raise if it has anything to write.
 */
export async function acquireLockUnlessReadOnly(
  outDir: string,
  options: LockOptions = {},
): Promise<HeldLock | { readonly readOnly: unknown }> {
  try {
    return await acquireLock(outDir, options);
  } catch (error) {
    if (READ_ONLY.has(errorCode(error) ?? "")) return { readOnly: error };
    throw error;
  }
}

/** Runs `task` holding the lock of `outDir`; the lock is released however `task` ends. */
export async function withLock<T>(outDir: string, options: LockOptions, task: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(outDir, options);
  try {
    return await task();
  } finally {
    await lock.release();
  }
}
