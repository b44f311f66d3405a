// Test helpers for the writer's tests (not part of the public API).
import type { Dirent } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { GeneratedFile } from "../../files/index.js";
import { LOCK_FILE, WORK_DIR } from "../paths.js";

export async function makeTempDir(prefix = "k8s-gitops-write-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

async function walk(root: string, relative: string, visit: (path: string, isDir: boolean) => Promise<void>): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    await visit(path, entry.isDirectory());
    if (entry.isDirectory()) await walk(root, path, visit);
  }
}

/** Every file under `dir` except the writer's scratch dir and lock, as path -> content. */
export async function readTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  await walk(dir, "", async (path, isDir) => {
    if (!isDir && !path.startsWith(`${WORK_DIR}/`) && path !== LOCK_FILE) tree.set(path, await readFile(join(dir, path), "utf8"));
  });
  return new Map([...tree].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Every directory under `dir`, scratch dir excluded. */
export async function listDirs(dir: string): Promise<string[]> {
  const dirs: string[] = [];
  await walk(dir, "", async (path, isDir) => {
    if (isDir && path !== WORK_DIR && !path.startsWith(`${WORK_DIR}/`)) dirs.push(path);
  });
  return dirs.sort();
}

/**
 * Everything under `dir` (scratch dir included) with content and mtime, to prove nothing was
 * touched. The mtime of `dir` itself is left out: every run creates and removes its lock file
 * there (see lock.ts); an entry left behind still shows up in the listing.
 */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const entries = new Map<string, string>();
  await walk(dir, "", async (path, isDir) => {
    const { mtimeMs } = await stat(join(dir, path));
    entries.set(path, isDir ? `dir @${mtimeMs}` : `${await readFile(join(dir, path), "utf8")} @${mtimeMs}`);
  });
  return entries;
}

export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

/** Sets every file's and directory's mtime to a fixed past date, so an untouched tree is detectable. */
export async function ageTree(dir: string, when = new Date("2001-02-03T04:05:06Z")): Promise<void> {
  await walk(dir, "", async (path) => utimes(join(dir, path), when, when));
  await utimes(dir, when, when);
}

/**
 * mtimes of everything under `dir`, which change if anything is created in a subdirectory; `dir`
 * itself is left out for the reason given at {@link snapshot}, its listing is kept instead.
 */
export async function mtimes(dir: string): Promise<Map<string, number | string>> {
  const result = new Map<string, number | string>([[".", (await readdir(dir)).sort().join(",")]]);
  await walk(dir, "", async (path) => {
    result.set(path, (await stat(join(dir, path))).mtimeMs);
  });
  return result;
}

export function generated(files: Readonly<Record<string, string>>, scope = "shared"): GeneratedFile[] {
  return Object.entries(files).map(([path, content]) => ({ path, content, scope }));
}
