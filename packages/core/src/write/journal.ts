import { lstat, mkdir, rename, rm, unlink } from "node:fs/promises";
import { join } from "node:path";
import { showValue, UserError } from "../errors/index.js";
import { OutputRoot } from "./contain.js";
import { exists, isMissingError } from "./disk.js";
import { fsyncDir, noStep, rmdirIfEmpty, unlinkUnlessDirectory, writeFileDurably, type StepHook } from "./fs-ops.js";
import { MANIFEST_GENERATOR } from "./manifest.js";
import { forEachLimited, IO_CONCURRENCY, mapLimited } from "./pool.js";
import {
  deepestFirst,
  JOURNAL_FILE,
  JOURNAL_TEMP_FILE,
  MANIFEST_FILE,
  parentDirs,
  STAGING_DIR,
  unsafePathReason,
  WORK_DIR,
} from "./paths.js";

/** The name of the step whose completion is the commit point of a write. */
export const COMMIT_STEP = "commit journal";

/**
 * The redo log of one write. Once it is on disk the write is decided: replaying it (any number of
 * times, from any partial state) finishes the write.
 */
export interface Journal {
  /** Produced paths staged under the staging dir, to be moved into place. */
  readonly renames: readonly string[];
  /** Stale owned files to delete. */
  readonly deletions: readonly string[];
  /** The new manifest when it changed (it is staged too), else null. */
  readonly manifest: string | null;
}

const JOURNAL_VERSION = 1;

export function serializeJournal(journal: Journal): string {
  const data = { generator: MANIFEST_GENERATOR, version: JOURNAL_VERSION, ...journal };
  return `${JSON.stringify(data, null, 2)}\n`;
}

function pathList(value: unknown, field: string, problems: string[]): string[] {
  if (!Array.isArray(value)) {
    problems.push(`${field}: expected an array of paths, got ${showValue(value)}`);
    return [];
  }
  return value.filter((path: unknown, index): path is string => {
    const reason = typeof path === "string" ? unsafePathReason(path) : "is not a string";
    if (reason !== undefined) problems.push(`${field}[${index}]: ${showValue(path)} ${reason}`);
    return reason === undefined;
  });
}

export function parseJournal(text: string, file: string): Journal {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new UserError(`${file}: unreadable journal of an interrupted write (${(error as Error).message})`);
  }
  const problems: string[] = [];
  if (data?.version !== JOURNAL_VERSION) problems.push(`version: expected 1, got ${showValue(data?.version)}`);
  const renames = pathList(data?.renames, "renames", problems);
  const deletions = pathList(data?.deletions, "deletions", problems);
  const manifest = data?.manifest;
  if (manifest !== null && typeof manifest !== "string") {
    problems.push(`manifest: expected a string or null, got ${showValue(manifest)}`);
  }
  if (problems.length > 0) {
    throw new UserError(
      `${file}: invalid journal of an interrupted write; inspect it, then delete ${WORK_DIR} to discard the write`,
      problems,
    );
  }
  return { renames, deletions, manifest: manifest as string | null };
}

/** Writes the journal atomically; when this returns, the write is committed. */
export async function commitJournal(outDir: string, journal: Journal, step: StepHook): Promise<void> {
  const temp = join(outDir, JOURNAL_TEMP_FILE);
  step("write journal");
  await writeFileDurably(temp, serializeJournal(journal));
  step(COMMIT_STEP);
  await rename(temp, join(outDir, JOURNAL_FILE));
  await fsyncDir(join(outDir, WORK_DIR));
}

async function isDirectory(dir: string): Promise<boolean> {
  try {
    return (await lstat(dir)).isDirectory();
  } catch (error) {
    if (isMissingError(error)) return false;
    throw error;
  }
}

/**
 * Rolls a committed journal forward. Every step is idempotent: a staged file that is gone has
 * already been moved into place, deleting or pruning something already gone is a no-op.
 * Deletions and pruning run before renames so that a new file can replace a stale directory
 * and a new directory can replace a stale file.
 */
export async function applyJournal(outDir: string, journal: Journal, step: StepHook): Promise<void> {
  const target = (path: string): string => join(outDir, path);
  const staged = (path: string): string => join(outDir, STAGING_DIR, path);
  // rename, unlink and rmdir act on a final link itself, but follow links in the folders above it:
  // those folders are proved plain right before the first mutation (one lstat per folder), so the
  // window for a swap is this function, not the whole run.
  await new OutputRoot(outDir).assertPlain(
    [...journal.renames, ...journal.deletions, ...journal.renames.map((path) => `${STAGING_DIR}/${path}`)].flatMap(parentDirs),
  );

  for (const path of journal.deletions) {
    step(`delete ${path}`);
    await unlinkUnlessDirectory(target(path));
  }
  // Directories that will receive a new file are not pruned: they end up non-empty anyway.
  const receiving = new Set(journal.renames.flatMap(parentDirs));
  for (const dir of deepestFirst(journal.deletions.flatMap(parentDirs))) {
    if (receiving.has(dir)) continue;
    step(`rmdir ${dir}`);
    await rmdirIfEmpty(target(dir));
  }

  // Every rename is independent of the others, so they run concurrently (a fleet writes tens of
  // thousands of files); a staged file that is gone was moved on an earlier, interrupted replay.
  const parents = [...new Set(journal.renames.map((path) => parentDirs(path)[0]).filter((dir) => dir !== undefined))];
  // Which folders are missing is found first, so that the step hook sees the mkdirs in list order
  // (a kill test names each step; checking and stepping inside one task let the order race).
  const present = await mapLimited(parents, IO_CONCURRENCY, (dir) => isDirectory(target(dir)));
  const missing = parents.filter((_, index) => !present[index]);
  await forEachLimited(missing, IO_CONCURRENCY, async (dir) => {
    step(`mkdir ${dir}`);
    await mkdir(target(dir), { recursive: true });
  });
  await forEachLimited(journal.renames, IO_CONCURRENCY, async (path) => {
    step(`rename ${path}`);
    try {
      await rename(staged(path), target(path));
    } catch (error) {
      if (!isMissingError(error)) throw error;
    }
  });
  if (journal.manifest !== null && (await exists(staged(MANIFEST_FILE)))) {
    step("install manifest");
    await rename(staged(MANIFEST_FILE), target(MANIFEST_FILE));
  }

  // Make the renames durable before the journal that could redo them disappears.
  const touched = new Set(["", ...journal.renames.flatMap(parentDirs), ...journal.deletions.flatMap(parentDirs)]);
  await forEachLimited([...touched], IO_CONCURRENCY, (dir) => fsyncDir(target(dir)));

  step("remove journal");
  try {
    await unlink(join(outDir, JOURNAL_FILE));
  } catch (error) {
    if (!isMissingError(error)) throw error;
  }
  step("remove work dir");
  await rm(join(outDir, WORK_DIR), { recursive: true, force: true });
}

/** What {@link recoverUnlocked} found and did. */
export type RecoveryAction =
  /** No scratch dir: the previous write finished (or never started). */
  | "none"
  /** A committed journal was found and the interrupted write was completed. */
  | "rolled-forward"
  /** Only staging was found (interrupted before the commit point); it was deleted. */
  | "discarded-staging";

/**
 * Brings `outDir` back to a complete tree after a write was interrupted (crash, kill -9, power
 * loss): a committed journal is rolled forward, uncommitted staging is discarded. The caller holds
 * the output directory's lock and passes its real path (see `recoverInterruptedWrite` in
 * write-tree.ts, which does both).
 */
export async function recoverUnlocked(outDir: string, step: StepHook = noStep): Promise<RecoveryAction> {
  const root = new OutputRoot(outDir);
  const workDir = join(outDir, WORK_DIR);
  const work = await root.entry(WORK_DIR);
  if (work.kind === "missing") return "none";
  if (work.kind !== "directory") {
    throw new UserError(`${workDir} is a file, not the generator's work directory; move it away and run again`);
  }
  const journalPath = join(outDir, JOURNAL_FILE);
  const text = (await root.readFile(JOURNAL_FILE))?.toString("utf8");
  if (text !== undefined) {
    const journal = parseJournal(text, journalPath);
    await verifyJournalPaths(root, journal, journalPath);
    await applyJournal(outDir, journal, step);
    return "rolled-forward";
  }
  step("discard staging");
  await rm(workDir, { recursive: true, force: true });
  return "discarded-staging";
}

/**
 * A journal on disk may have been written by hand: before replaying it, prove that every path it
 * names (targets, staged sources, every ancestor of both) is a plain file or directory inside the
 * output directory; text checks (`unsafePathReason`) ran in {@link parseJournal}.
 */
async function verifyJournalPaths(root: OutputRoot, journal: Journal, journalPath: string): Promise<void> {
  const staging = await root.entry(STAGING_DIR);
  if (staging.kind !== "directory" && staging.kind !== "missing") {
    throw new UserError(`${journalPath}: the staging dir ${root.absolute(STAGING_DIR)} is a file; delete ${root.absolute(WORK_DIR)}`);
  }
  await root.assertPlain([
    ...journal.deletions,
    ...journal.renames,
    ...journal.renames.map((path) => `${STAGING_DIR}/${path}`),
    MANIFEST_FILE,
    `${STAGING_DIR}/${MANIFEST_FILE}`,
  ]);
}

/** Whether an interrupted, committed write is waiting to be rolled forward. */
export async function hasPendingJournal(outDir: string): Promise<boolean> {
  return (await new OutputRoot(outDir).entry(JOURNAL_FILE)).kind !== "missing";
}
