import type { Dirent } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { showValue } from "../errors/index.js";
import { describeEntry, notPlainError, readRegularFile, MAX_OUTPUT_FILE_BYTES, type OutputRoot } from "./contain.js";
import { mapLimited } from "./pool.js";
import { parentDirs } from "./paths.js";

/** What currently sits at a produced path. */
export type DiskEntry =
  | { readonly kind: "file"; readonly content: Buffer }
  | { readonly kind: "missing" }
  /** `contents`: every file and every empty directory below it, output-relative. */
  | { readonly kind: "directory"; readonly contents: readonly string[] }
  /** An ancestor of the path exists but is not a directory. */
  | { readonly kind: "blocked"; readonly by: string };

const READ_CONCURRENCY = 16;

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

export function isMissingError(error: unknown): boolean {
  return errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR";
}

export async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}

/** Every file, every empty directory and every other entry below `dir`; links are listed, never entered. */
async function listContents(root: OutputRoot, dir: string): Promise<string[]> {
  const entries = await readdir(root.absolute(dir), { withFileTypes: true });
  if (entries.length === 0) return [dir];
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? listContents(root, `${dir}/${entry.name}`) : [`${dir}/${entry.name}`])),
  );
  return nested.flat();
}

type Listing =
  | { readonly kind: "listed"; readonly entries: ReadonlyMap<string, Dirent> }
  | { readonly kind: "missing" }
  | { readonly kind: "blocked"; readonly by: string };

async function listDir(root: OutputRoot, dir: string): Promise<Listing> {
  const entry = dir === "" ? ({ kind: "directory" } as const) : await root.entry(dir);
  if (entry.kind === "missing" || entry.kind === "blocked") return entry;
  if (entry.kind === "file") return { kind: "blocked", by: dir };
  const dirents = await readdir(root.absolute(dir), { withFileTypes: true });
  return { kind: "listed", entries: new Map(dirents.map((dirent) => [dirent.name, dirent])) };
}

async function readEntry(root: OutputRoot, path: string, dirent: Dirent): Promise<DiskEntry> {
  if (dirent.isDirectory()) {
    const contents = await listContents(root, path);
    return { kind: "directory", contents: contents.length === 1 && contents[0] === path ? [] : contents };
  }
  const content = await readRegularFile(root.absolute(path), showValue(path), MAX_OUTPUT_FILE_BYTES, root.dir);
  return content === undefined ? { kind: "missing" } : { kind: "file", content };
}

/**
 * Reads what is on disk at each produced path. Each parent folder is checked (see
 * {@link OutputRoot.entry}) and listed once, so paths that do not exist (every path of a first run)
 * cost no system call of their own, and the listing's entry types (which never follow a link) say
 * what each path is before anything is opened.
 * @throws UserError when a path or an ancestor is a link, FIFO, socket or device, or a file is too large.
 */
export async function readEntries(root: OutputRoot, paths: readonly string[]): Promise<Map<string, DiskEntry>> {
  const parentOf = (path: string): string => parentDirs(path)[0] ?? "";
  const parents = [...new Set(paths.map(parentOf))];
  await root.assertPlain(parents.filter((dir) => dir !== ""));
  const listings = await mapLimited(parents, READ_CONCURRENCY, (dir) => listDir(root, dir));
  const listingOf = new Map(parents.map((dir, index) => [dir, listings[index] as Listing]));
  // Every link, FIFO, socket or device at a produced path, reported together and never opened.
  const special = paths.filter((path) => {
    const listing = listingOf.get(parentOf(path))!;
    const dirent = listing.kind === "listed" ? listing.entries.get(path.slice(path.lastIndexOf("/") + 1)) : undefined;
    return dirent !== undefined && !dirent.isFile() && !dirent.isDirectory();
  });
  if (special.length > 0) {
    const problems = await Promise.all(
      special.map(async (path) => `${showValue(path)} is ${await describeEntry(root.absolute(path), await lstat(root.absolute(path)))}`),
    );
    throw notPlainError(root.dir, problems);
  }
  const entries = await mapLimited(paths, READ_CONCURRENCY, async (path): Promise<DiskEntry> => {
    const listing = listingOf.get(parentOf(path))!;
    if (listing.kind !== "listed") return listing;
    const dirent = listing.entries.get(path.slice(path.lastIndexOf("/") + 1));
    return dirent === undefined ? { kind: "missing" } : readEntry(root, path, dirent);
  });
  return new Map(paths.map((path, index) => [path, entries[index] as DiskEntry]));
}

/**
 * Which of `paths` exist as a regular file the writer may delete. A directory is not deletable;
 * a link, FIFO, socket or device at the path or an ancestor stops the run (never deleted).
 */
export async function findDeletable(root: OutputRoot, paths: readonly string[]): Promise<Set<string>> {
  await root.assertPlain(paths);
  const found = await mapLimited(paths, READ_CONCURRENCY, async (path) => (await root.entry(path)).kind === "file");
  return new Set(paths.filter((_, index) => found[index]));
}
