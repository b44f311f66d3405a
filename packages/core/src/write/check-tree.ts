import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GeneratedFile } from "../files/index.js";
import { resolveOutDir } from "./contain.js";
import { explainFsError } from "./fs-errors.js";
import { hasPendingJournal } from "./journal.js";
import { acquireLockUnlessReadOnly, type LockOptions } from "./lock.js";
import { JOURNAL_FILE } from "./paths.js";
import { preparePlan } from "./prepare.js";
import { renderCheckReport, type ReportLimits } from "./report.js";

export interface CheckTreeOptions {
  readonly outDir: string;
  /** Same meaning as for {@link writeTree}: which scopes' stale files count as "would be removed". */
  readonly scopes?: readonly string[] | undefined;
  readonly adopt?: boolean | undefined;
  readonly reportLimits?: ReportLimits | undefined;
  /** See {@link WriteTreeOptions.lock}. */
  readonly lock?: LockOptions | undefined;
}

/** What a write would change; every list holds sorted output-relative paths. */
export interface CheckTreeResult {
  /** True when a write would change nothing at all. */
  readonly ok: boolean;
  /** Files a write would create, including owned files deleted by hand (also listed in `missing`). */
  readonly added: readonly string[];
  readonly missing: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** The manifest would be created or rewritten (e.g. a file changed scope). */
  readonly manifestChanged: boolean;
  /** A committed write was interrupted; the tree is incomplete and was not compared. */
  readonly interrupted: boolean;
  /** Human-readable explanation, ending with a newline. */
  readonly report: string;
}

/**
 * Compares the generated files with `outDir` without writing anything (`generate --check`).
 *
 * @throws UserError in the same situations in which {@link writeTree} would refuse to write.
 */
export async function checkTree(files: readonly GeneratedFile[], options: CheckTreeOptions): Promise<CheckTreeResult> {
  try {
    const outDir = (await resolveOutDir(options.outDir, false)) ?? resolve(options.outDir);
    // The lock keeps a concurrent write from showing a half-written tree. A tree this user cannot
    // write (read-only checkout, EACCES) cannot be written by a concurrent run of this user either.
    // A missing output dir has nothing to lock: everything is reported as added.
    const lock = existsSync(outDir) ? await acquireLockUnlessReadOnly(outDir, options.lock ?? {}) : undefined;
    try {
      return await checkLocked(outDir, files, options);
    } finally {
      if (lock !== undefined && "release" in lock) await lock.release();
    }
  } catch (error) {
    throw explainFsError(error, `cannot check the generated files in ${options.outDir}`);
  }
}

async function checkLocked(outDir: string, files: readonly GeneratedFile[], options: CheckTreeOptions): Promise<CheckTreeResult> {
  if (await hasPendingJournal(outDir)) {
    return {
      ok: false,
      added: [],
      missing: [],
      changed: [],
      removed: [],
      manifestChanged: false,
      interrupted: true,
      report:
        `A write into ${outDir} was interrupted after its commit point (${join(outDir, JOURNAL_FILE)} exists), ` +
        "so the tree is incomplete; run the generator to finish it, then check again.\n",
    };
  }
  const plan = await preparePlan(files, { outDir, scopes: options.scopes, adopt: options.adopt });
  const pathsWith = (statuses: readonly string[]): string[] =>
    plan.writes.filter((write) => statuses.includes(write.status)).map((write) => write.path);
  return {
    ok: plan.writes.length === 0 && plan.deletions.length === 0 && !plan.manifestChanged,
    added: pathsWith(["added", "missing"]),
    missing: pathsWith(["missing"]),
    changed: pathsWith(["changed"]),
    removed: plan.deletions,
    manifestChanged: plan.manifestChanged,
    interrupted: false,
    report: renderCheckReport(outDir, plan, options.reportLimits),
  };
}
