import type { Dirent } from "node:fs";
import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
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

export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if (isMissingError(error)) return undefined;
    throw error;
  }
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

async function findBlockingAncestor(outDir: string, path: string): Promise<string | undefined> {
  for (const dir of parentDirs(path).reverse()) {
    try {
      if (!(await lstat(join(outDir, dir))).isDirectory()) return dir;
    } catch (error) {
      if (isMissingError(error)) return undefined;
      throw error;
    }
  }
  return undefined;
}

async function listContents(outDir: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(outDir, dir), { withFileTypes: true });
  if (entries.length === 0) return [dir];
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? listContents(outDir, `${dir}/${entry.name}`) : [`${dir}/${entry.name}`],
    ),
  );
  return nested.flat();
}

async function readEntry(outDir: string, path: string): Promise<DiskEntry> {
  try {
    return { kind: "file", content: await readFile(join(outDir, path)) };
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return { kind: "missing" };
    if (code === "EISDIR") {
      const contents = await listContents(outDir, path);
      return { kind: "directory", contents: contents.length === 1 && contents[0] === path ? [] : contents };
    }
    if (code === "ENOTDIR") {
      const by = await findBlockingAncestor(outDir, path);
      return by === undefined ? { kind: "missing" } : { kind: "blocked", by };
    }
    throw error;
  }
}

type Listing = ReadonlyMap<string, Dirent> | "missing" | "not-a-directory";

async function listDir(dir: string): Promise<Listing> {
  try {
    return new Map((await readdir(dir, { withFileTypes: true })).map((entry) => [entry.name, entry]));
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT") return "missing";
    if (code === "ENOTDIR") return "not-a-directory";
    throw error;
  }
}

/**
 * Reads what is on disk at each produced path (content only when it is a readable file).
 * Each parent folder is listed once first, so paths that do not exist (every path of a first
 * run) cost no system call of their own.
 */
export async function readEntries(outDir: string, paths: readonly string[]): Promise<Map<string, DiskEntry>> {
  const parentOf = (path: string): string => parentDirs(path)[0] ?? "";
  const parents = [...new Set(paths.map(parentOf))];
  const listings = await mapLimited(parents, READ_CONCURRENCY, (dir) => listDir(join(outDir, dir)));
  const listingOf = new Map(parents.map((dir, index) => [dir, listings[index] as Listing]));
  const entries = await mapLimited(paths, READ_CONCURRENCY, async (path): Promise<DiskEntry> => {
    const listing = listingOf.get(parentOf(path))!;
    if (listing === "missing") return { kind: "missing" };
    if (listing !== "not-a-directory" && !listing.has(path.slice(path.lastIndexOf("/") + 1))) return { kind: "missing" };
    return readEntry(outDir, path);
  });
  return new Map(paths.map((path, index) => [path, entries[index] as DiskEntry]));
}

/** Which of `paths` exist as something the writer may delete (anything but a directory). */
export async function findDeletable(outDir: string, paths: readonly string[]): Promise<Set<string>> {
  const found = await mapLimited(paths, READ_CONCURRENCY, async (path) => {
    try {
      return !(await lstat(join(outDir, path))).isDirectory();
    } catch (error) {
      if (isMissingError(error)) return false;
      throw error;
    }
  });
  return new Set(paths.filter((_, index) => found[index]));
}
