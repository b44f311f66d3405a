import type { GeneratedFile } from "../files/index.js";
import { showValue, UserError } from "../errors/index.js";
import type { DiskEntry } from "./disk.js";
import { serializeManifest, type OwnedFiles } from "./manifest.js";
import { compareStrings, MANIFEST_FILE, sortedPaths } from "./paths.js";

export type WriteStatus = "added" | "missing" | "changed";

/** A file whose content on disk must become `content`. */
export interface PlannedWrite {
  readonly path: string;
  readonly scope: string;
  readonly content: string;
  /** `missing`: owned by the manifest but deleted by hand; `added`: new and not owned before. */
  readonly status: WriteStatus;
  /** Current content on disk, for `changed` files. */
  readonly previous?: string;
}

/** Everything a run would do; computing it touches nothing. */
export interface WritePlan {
  readonly writes: readonly PlannedWrite[];
  readonly unchanged: readonly string[];
  /** Owned files, in a scope this run prunes, that are no longer produced and still exist. */
  readonly deletions: readonly string[];
  readonly manifestText: string;
  readonly manifestChanged: boolean;
}

export interface PlanInput {
  /** How to name the output directory in messages. */
  readonly outDirLabel: string;
  readonly files: readonly GeneratedFile[];
  readonly owned: OwnedFiles;
  readonly manifestText: string | undefined;
  /** Disk state of every produced path. */
  readonly entries: ReadonlyMap<string, DiskEntry>;
  /** The stale paths (see {@link stalePaths}) that exist on disk. */
  readonly deletable: ReadonlySet<string>;
  readonly scopes: readonly string[] | undefined;
  readonly adopt: boolean;
}

/** Owned paths in a scope this run prunes that the run no longer produces. */
export function stalePaths(
  files: readonly GeneratedFile[],
  owned: OwnedFiles,
  scopes: readonly string[] | undefined,
): string[] {
  const produced = new Set(files.map((file) => file.path));
  const pruned = scopes === undefined ? undefined : new Set(scopes);
  const stale = [...owned]
    .filter(([path, scope]) => !produced.has(path) && (pruned === undefined || pruned.has(scope)))
    .map(([path]) => path);
  return sortedPaths(stale);
}

function collision(input: PlanInput, file: GeneratedFile, entry: DiskEntry): string | undefined {
  const where = `${showValue(file.path)} (scope ${showValue(file.scope)})`;
  // A directory can give way to the file only if pruning empties it.
  const kept = entry.kind === "directory" ? entry.contents.filter((path) => !input.deletable.has(path)) : [];
  if (entry.kind === "directory" && (kept.length > 0 || entry.contents.length === 0)) {
    const sample = kept.slice(0, 3).map(showValue).join(", ");
    return (
      `${where}: a directory exists at this path in ${input.outDirLabel}` +
      (kept.length > 0 ? ` and holds files the generator does not remove (${sample}${kept.length > 3 ? ", ..." : ""})` : "") +
      "; remove it first"
    );
  }
  if (entry.kind === "blocked" && !input.deletable.has(entry.by)) {
    const owner = input.owned.get(entry.by);
    const why =
      owner === undefined
        ? `is not listed in ${MANIFEST_FILE}`
        : `is owned by scope ${showValue(owner)}, which this run does not prune`;
    return `${where}: cannot create it because ${showValue(entry.by)} is a file that ${why}`;
  }
  if (entry.kind === "file" && !input.owned.has(file.path) && !input.adopt) {
    return (
      `${where}: a file not listed in ${MANIFEST_FILE} already exists at this path in ${input.outDirLabel}; ` +
      "refusing to overwrite it (move it away, or run `pnpm generate --adopt` (writeTree option adopt: true) " +
      "to overwrite it and take ownership)"
    );
  }
  return undefined;
}

/**
 * Decides what to write, keep and delete, and the manifest that results. Throws a UserError
 * listing every produced path that would overwrite something the generator does not own.
 */
export function planWrite(input: PlanInput): WritePlan {
  const problems: string[] = [];
  const writes: PlannedWrite[] = [];
  const unchanged: string[] = [];
  for (const file of input.files) {
    const entry = input.entries.get(file.path) ?? { kind: "missing" };
    const problem = collision(input, file, entry);
    if (problem !== undefined) {
      problems.push(problem);
      continue;
    }
    if (entry.kind === "file") {
      const previous = entry.content;
      if (previous.equals(Buffer.from(file.content, "utf8"))) unchanged.push(file.path);
      else writes.push({ ...file, status: "changed", previous: previous.toString("utf8") });
    } else {
      writes.push({ ...file, status: input.owned.has(file.path) ? "missing" : "added" });
    }
  }
  if (problems.length > 0) {
    throw new UserError(`Refusing to write generated files into ${input.outDirLabel}`, problems);
  }

  const owned = new Map(input.owned);
  for (const path of stalePaths(input.files, input.owned, input.scopes)) owned.delete(path);
  for (const file of input.files) owned.set(file.path, file.scope);
  const manifestText = serializeManifest(owned);

  return {
    writes: writes.sort((a, b) => compareStrings(a.path, b.path)),
    unchanged: sortedPaths(unchanged),
    deletions: sortedPaths(input.deletable),
    manifestText,
    manifestChanged: manifestText !== input.manifestText,
  };
}

export function isNoOp(plan: WritePlan): boolean {
  return plan.writes.length === 0 && plan.deletions.length === 0 && !plan.manifestChanged;
}
