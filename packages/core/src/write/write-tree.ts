import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { GeneratedFile } from "../files/index.js";
import { OutputRoot, resolveOutDir } from "./contain.js";
import { explainFsError } from "./fs-errors.js";
import { forEachLimited, IO_CONCURRENCY } from "./pool.js";
import { fsyncDir, noStep, writeFileDurably, type StepHook } from "./fs-ops.js";
import { applyJournal, commitJournal, hasPendingJournal, recoverUnlocked, type Journal, type RecoveryAction } from "./journal.js";
import { acquireLockUnlessReadOnly, withLock, type LockOptions } from "./lock.js";
import { compareStrings, MANIFEST_FILE, parentDirs, STAGING_DIR, WORK_DIR } from "./paths.js";
import { isNoOp, type WritePlan } from "./plan.js";
import { preparePlan } from "./prepare.js";

export interface WriteTreeOptions {
  /** Output directory, normally `<repo>/generated`. Created if missing. */
  readonly outDir: string;
  /**
   * Scopes this run owns for pruning (e.g. `["cluster:infra", "shared"]`). Owned files of other
   * scopes are left alone even if not produced. Undefined: every scope. Produced files are always
   * written, whatever their scope.
   */
  readonly scopes?: readonly string[] | undefined;
  /** Take ownership of existing files that are not in the manifest instead of failing. */
  readonly adopt?: boolean | undefined;
  /** How long to wait for another run holding the output directory's lock, and what to say meanwhile. */
  readonly lock?: LockOptions | undefined;
  /** Test hook called before each filesystem mutation; see {@link StepHook}. */
  readonly onStep?: StepHook | undefined;
}

/** Output-relative paths, each list sorted. */
export interface WriteTreeResult {
  /** Files added, recreated or changed. */
  readonly written: readonly string[];
  /** Produced files whose content was already on disk; not touched. */
  readonly unchanged: readonly string[];
  /** Stale owned files deleted. */
  readonly removed: readonly string[];
}

async function stage(outDir: string, plan: WritePlan, step: StepHook): Promise<void> {
  const stagingDir = join(outDir, STAGING_DIR);
  step("create staging dir");
  // Not recursive: recovery removed any earlier work dir, so both are new, and an entry planted
  // there since (a link to elsewhere) makes mkdir fail instead of being written through.
  await mkdir(join(outDir, WORK_DIR));
  await mkdir(stagingDir);
  // Shallowest first and one level at a time, each mkdir non-recursive: a full disk or inode table
  // then fails on the directory that could not be made (a recursive mkdir racing its siblings
  // reports ENOENT instead), and no mkdir ever goes through something it did not create.
  const dirs = [...new Set(plan.writes.flatMap((write) => parentDirs(write.path)))];
  const depth = (dir: string): number => dir.split("/").length;
  for (let level = 1; dirs.some((dir) => depth(dir) >= level); level++) {
    const atLevel = dirs.filter((dir) => depth(dir) === level).sort(compareStrings);
    step(`mkdir staging level ${level}`);
    await forEachLimited(atLevel, IO_CONCURRENCY, (dir) => mkdir(join(stagingDir, dir)));
  }
  await forEachLimited(plan.writes, IO_CONCURRENCY, async (write) => {
    step(`stage ${write.path}`);
    await writeFileDurably(join(stagingDir, write.path), write.content);
  });
  if (plan.manifestChanged) {
    step("stage manifest");
    await writeFileDurably(join(stagingDir, MANIFEST_FILE), plan.manifestText);
  }
  // The journal will claim these files exist, so their directory entries must be durable first.
  await forEachLimited(["", ...dirs], IO_CONCURRENCY, (dir) => fsyncDir(join(stagingDir, dir)));
  await fsyncDir(join(outDir, WORK_DIR));
  await fsyncDir(outDir);
}

/**
 * Writes the generated tree into `outDir` atomically: after a crash at any point the directory
 * holds the old tree or (once {@link recoverInterruptedWrite} ran, which every write does first)
 * the new one. Files whose content is unchanged are not touched, stale owned files of the pruned
 * scopes are deleted, files not listed in the manifest are never modified.
 *
 * @throws UserError for unsafe or duplicate paths, an invalid manifest, or a produced path that
 *   would overwrite a file the generator does not own (unless `adopt`).
 */
export async function writeTree(files: readonly GeneratedFile[], options: WriteTreeOptions): Promise<WriteTreeResult> {
  try {
    const outDir = (await resolveOutDir(options.outDir, true)) as string;
    const lock = await acquireLockUnlessReadOnly(outDir, options.lock ?? {});
    if ("readOnly" in lock) {
      // A read-only tree that is complete and up to date is a success; anything else needs writing.
      if (!(await hasWorkDir(outDir))) {
        const plan = await preparePlan(files, { outDir, scopes: options.scopes, adopt: options.adopt });
        if (isNoOp(plan)) return resultOf(plan);
      }
      throw lock.readOnly;
    }
    try {
      return await writeLocked(outDir, files, options);
    } finally {
      await lock.release();
    }
  } catch (error) {
    throw explainFsError(error, `cannot write the generated files into ${options.outDir}`);
  }
}

/**
 * Finishes or discards an interrupted write of `outDir` (see {@link recoverUnlocked}), holding the
 * output directory's lock; `generate` calls it before it validates its input, so a committed write
 * is completed even when the new input is invalid.
 */
export async function recoverInterruptedWrite(
  outDir: string,
  options: { readonly onStep?: StepHook | undefined; readonly lock?: LockOptions | undefined } = {},
): Promise<RecoveryAction> {
  try {
    const real = await resolveOutDir(outDir, false);
    // Without a work dir there is nothing to finish, and no lock is needed to know it: a run that
    // creates one now holds the lock and finishes its own write.
    if (real === undefined || !(await hasWorkDir(real))) return "none";
    return await withLock(real, options.lock ?? {}, () => recoverUnlocked(real, options.onStep));
  } catch (error) {
    throw explainFsError(error, `cannot finish the interrupted write in ${outDir}`);
  }
}

function resultOf(plan: WritePlan): WriteTreeResult {
  return { written: plan.writes.map((write) => write.path), unchanged: plan.unchanged, removed: plan.deletions };
}

async function hasWorkDir(outDir: string): Promise<boolean> {
  return (await new OutputRoot(outDir).entry(WORK_DIR)).kind !== "missing";
}

async function writeLocked(outDir: string, files: readonly GeneratedFile[], options: WriteTreeOptions): Promise<WriteTreeResult> {
  const step = options.onStep ?? noStep;
  await recoverUnlocked(outDir, step);
  const plan = await preparePlan(files, { outDir, scopes: options.scopes, adopt: options.adopt });
  const result = resultOf(plan);
  if (isNoOp(plan)) return result;

  const journal: Journal = {
    renames: result.written,
    deletions: plan.deletions,
    manifest: plan.manifestChanged ? plan.manifestText : null,
  };
  try {
    await stage(outDir, plan, step);
    await commitJournal(outDir, journal, step);
  } catch (error) {
    // Before the commit point the visible tree is untouched; only the scratch dir needs to go.
    if (!(await hasPendingJournal(outDir))) {
      await rm(join(outDir, WORK_DIR), { recursive: true, force: true }).catch(() => undefined);
    }
    throw error;
  }
  await applyJournal(outDir, journal, step);
  return result;
}
