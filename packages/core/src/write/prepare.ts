import { join } from "node:path";
import type { GeneratedFile } from "../files/index.js";
import { findDeletable, readEntries, readTextIfExists } from "./disk.js";
import { parseManifest } from "./manifest.js";
import { MANIFEST_FILE } from "./paths.js";
import { planWrite, stalePaths, type WritePlan } from "./plan.js";
import { validateWriteInput } from "./validate.js";

export interface PlanOptions {
  /** Absolute output directory. */
  readonly outDir: string;
  readonly scopes?: readonly string[] | undefined;
  readonly adopt?: boolean | undefined;
}

/** Validates the input, reads the manifest and the relevant disk state, and plans. Read-only. */
export async function preparePlan(files: readonly GeneratedFile[], options: PlanOptions): Promise<WritePlan> {
  validateWriteInput(files, options.scopes);
  const manifestPath = join(options.outDir, MANIFEST_FILE);
  const manifestText = await readTextIfExists(manifestPath);
  const owned = manifestText === undefined ? new Map<string, string>() : parseManifest(manifestText, manifestPath);
  const stale = stalePaths(files, owned, options.scopes);
  const [entries, deletable] = await Promise.all([
    readEntries(
      options.outDir,
      files.map((file) => file.path),
    ),
    findDeletable(options.outDir, stale),
  ]);
  return planWrite({
    outDirLabel: options.outDir,
    files,
    owned,
    manifestText,
    entries,
    deletable,
    scopes: options.scopes,
    adopt: options.adopt ?? false,
  });
}
