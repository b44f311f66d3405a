import { constants, type Stats } from "node:fs";
import { lstat, mkdir, open, readlink, realpath } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describeFileType, showValue, UserError } from "../errors/index.js";
import { parentDirs } from "./paths.js";

/**
 * Containment of every file-system access of the writer, the pruner, the journal replay and
 * `--check` inside the output directory.
 *
 * The output directory's real path is resolved once; every output-relative path is then walked
 * component by component with `lstat` (which never follows a link) from that root, and anything
 * that is not a plain directory or regular file (a symbolic link, FIFO, socket or device) stops the
 * run with an error naming the path and what it is. Files are opened with `O_NOFOLLOW` and
 * `O_NONBLOCK` and checked with `fstat` before a bounded read.
 *
 * What remains (see the README, "Reliability and safety"): a process that can write into the
 * output directory *while* a run is between its check and its use of a path could still swap a
 * directory for a link; the lock keeps other generator runs out, not arbitrary processes.
 */

/** A generated, manifest or journal file larger than this is refused, never read into memory. */
export const MAX_OUTPUT_FILE_BYTES = 64 * 1024 * 1024;

// Windows has no O_NOFOLLOW / O_NONBLOCK; there links are still caught by the lstat walk.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NON_BLOCK = constants.O_NONBLOCK ?? 0;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** What a non-plain entry is, in the user's terms ("a symbolic link to ../x", "a FIFO (named pipe)"). */
export async function describeEntry(absolute: string, stats: Stats): Promise<string> {
  const target = stats.isSymbolicLink() ? await readlink(absolute).catch(() => undefined) : undefined;
  return target === undefined ? describeFileType(stats) : `a symbolic link to ${showValue(target)}`;
}

function isPlain(stats: Stats): boolean {
  return stats.isFile() || stats.isDirectory();
}

/** Thrown (as a UserError) for every non-plain entry met inside the output directory. */
export function notPlainError(outDir: string, problems: readonly string[]): UserError {
  return new UserError(
    `Refusing to use ${outDir}: the generator never follows, reads, writes or deletes links, FIFOs, sockets ` +
      "or devices inside its output directory; remove these entries (the generator never creates them) and run again",
    problems,
  );
}

/**
 * Resolves the output directory once. The directory itself must not be a symbolic link (a link at
 * `generated/` in a checkout would redirect every write); its ancestors are the user's choice.
 * @param create create it (and its parents) when missing; otherwise undefined is returned.
 */
export async function resolveOutDir(outDir: string, create: boolean): Promise<string | undefined> {
  const absolute = resolve(outDir);
  let stats: Stats;
  try {
    stats = await lstat(absolute);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
    if (!create) return undefined;
    await mkdir(absolute, { recursive: true });
    stats = await lstat(absolute);
  }
  if (!stats.isDirectory()) {
    throw new UserError(
      `output directory ${absolute} is ${await describeEntry(absolute, stats)}, not a directory; ` +
        (stats.isSymbolicLink() ? "pass the real directory with --out, or remove the link" : "move it away"),
    );
  }
  return realpath(absolute);
}

/** What an output-relative path is on disk, its ancestors checked. */
export type PlainEntry =
  | { readonly kind: "file" }
  | { readonly kind: "directory" }
  | { readonly kind: "missing" }
  /** An ancestor is a regular file, so nothing exists at the path itself. */
  | { readonly kind: "blocked"; readonly by: string };

type ComponentState = "directory" | "file" | "missing";

/**
 * One run's view of an output directory. Every component of every path is `lstat`ed at most once
 * (results are cached), so checking tens of thousands of paths costs one call per directory.
 * Create a new instance after mutating the tree.
 */
export class OutputRoot {
  private readonly components = new Map<string, Promise<ComponentState>>();
  private readonly problems = new Map<string, string>();

  /** @param dir the real path of the output directory (see {@link resolveOutDir}). */
  constructor(readonly dir: string) {}

  absolute(path: string): string {
    return path === "" ? this.dir : join(this.dir, path);
  }

  private component(path: string): Promise<ComponentState> {
    let state = this.components.get(path);
    if (state === undefined) {
      state = this.lstatComponent(path);
      this.components.set(path, state);
    }
    return state;
  }

  private async lstatComponent(path: string): Promise<ComponentState> {
    let stats: Stats;
    try {
      stats = await lstat(this.absolute(path));
    } catch (error) {
      if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return "missing";
      throw error;
    }
    if (!isPlain(stats)) {
      this.problems.set(path, `${showValue(path)} is ${await describeEntry(this.absolute(path), stats)}`);
      throw notPlainError(this.dir, [this.problems.get(path) as string]);
    }
    return stats.isDirectory() ? "directory" : "file";
  }

  /**
   * What sits at `path`, after proving that neither it nor any ancestor (up to the output root) is
   * a link, FIFO, socket or device.
   * @throws UserError naming the offending component and what it is.
   */
  async entry(path: string): Promise<PlainEntry> {
    for (const dir of parentDirs(path).reverse()) {
      const state = await this.component(dir);
      if (state === "missing") return { kind: "missing" };
      if (state === "file") return { kind: "blocked", by: dir };
    }
    const state = await this.component(path);
    return state === "missing" ? { kind: "missing" } : { kind: state };
  }

  /**
   * Checks every path (see {@link entry}) and throws one UserError listing every offending entry,
   * so the user fixes them all at once.
   */
  async assertPlain(paths: Iterable<string>): Promise<void> {
    const results = await Promise.allSettled([...new Set(paths)].map((path) => this.entry(path)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === "rejected");
    if (failure === undefined) return;
    if (this.problems.size === 0) throw failure.reason;
    throw notPlainError(this.dir, [...this.problems].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, text]) => text));
  }

  /**
   * Reads a regular file at `path` (ancestors checked), or undefined when it does not exist. Opened
   * with `O_NOFOLLOW | O_NONBLOCK` and checked with `fstat`, so a link or FIFO swapped in after the
   * check is neither followed nor waited on; a file over `limit` bytes is refused unread.
   */
  async readFile(path: string, limit = MAX_OUTPUT_FILE_BYTES): Promise<Buffer | undefined> {
    const entry = await this.entry(path);
    if (entry.kind === "missing" || entry.kind === "blocked") return undefined;
    return readRegularFile(this.absolute(path), showValue(path), limit, this.dir);
  }
}

/**
 * Opens `absolute` without following a final link and without blocking on a FIFO, and reads it
 * only if `fstat` says it is a regular file of at most `limit` bytes.
 * @param label how to name the file in messages.
 * @param outDir the directory named in the refusal.
 */
export async function readRegularFile(
  absolute: string,
  label: string,
  limit: number,
  outDir: string,
): Promise<Buffer | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(absolute, constants.O_RDONLY | NO_FOLLOW | NON_BLOCK);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    if (code === "ELOOP") {
      const stats = await lstat(absolute);
      throw notPlainError(outDir, [`${label} is ${await describeEntry(absolute, stats)}`]);
    }
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notPlainError(outDir, [`${label} is ${await describeEntry(absolute, stats)}`]);
    if (stats.size > limit) {
      throw new UserError(
        `${label} in ${outDir} is ${stats.size} bytes, more than the ${limit} bytes a generated file may have; ` +
          "the generator does not read it (remove it if it is not yours)",
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
