import { constants } from "node:fs";
import { lstat, open, rmdir, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { isMissingError } from "./disk.js";

/**
 * Test hook called before every filesystem mutation with a short description of the step, so a
 * test can kill the process at any chosen point. Production code passes nothing.
 */
export type StepHook = (step: string) => void;

export const noStep: StepHook = () => {};

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

// Every file the writer creates is new (staging and the journal live in a work dir created by the
// same run): O_EXCL refuses anything already there and, with O_NOFOLLOW, never writes through a link.
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** Creates a new file and fsyncs it, so its content is durable before the journal points at it. */
export async function writeFileDurably(file: string, content: string): Promise<void> {
  const handle = await open(file, CREATE_NEW, 0o666);
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } catch (error) {
    // Errors of a file handle carry no path; the user needs to know which file could not be written.
    if ((error as NodeJS.ErrnoException).path === undefined) Object.assign(error as object, { path: file });
    throw error;
  } finally {
    await handle.close();
  }
}

// Platforms that cannot open or fsync a directory (Windows) report one of these; directory
// fsync only adds power-loss durability, so it is best effort there.
const UNSYNCABLE_DIR = new Set(["ENOENT", "EISDIR", "EPERM", "EACCES", "EINVAL", "EBADF", "ENOTSUP"]);

/** Makes renames and creations inside `dir` durable. */
export async function fsyncDir(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    await handle.sync();
  } catch (error) {
    if (!UNSYNCABLE_DIR.has(code(error) ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Deletes a file if it is still there. A directory at the path is left alone: on replay it means
 * the new tree already put a directory where the stale file used to be.
 */
export async function unlinkUnlessDirectory(file: string): Promise<void> {
  try {
    if ((await lstat(file)).isDirectory()) return;
    await unlink(file);
  } catch (error) {
    if (!isMissingError(error)) throw error;
  }
}

/** Removes `dir` only if it is an empty directory; anything else (content, a file, absence) is kept. */
export async function rmdirIfEmpty(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    if (!isMissingError(error) && code(error) !== "ENOTEMPTY" && code(error) !== "EEXIST") throw error;
  }
}
