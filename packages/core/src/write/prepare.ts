import { join } from "node:path";
import type { GeneratedFile } from "../files/index.js";
import { OutputRoot } from "./contain.js";
import { findDeletable, readEntries } from "./disk.js";
import { parseManifest } from "./manifest.js";
import { MANIFEST_FILE } from "./paths.js";
import { planWrite, stalePaths, type WritePlan } from "./plan.js";
import { validateWriteInput } from "./validate.js";

export interface PlanOptions {
  /** Real path of the output directory (see resolveOutDir). */
  readonly outDir: string;
  readonly scopes?: readonly string[] | undefined;
  readonly adopt?: boolean | undefined;
}

/** Validates the input, reads the manifest and the relevant disk state, and plans. Read-only. */
export async function preparePlan(files: readonly GeneratedFile[], options: PlanOptions): Promise<WritePlan> {
  validateWriteInput(files, options.scopes);
  const manifestPath = join(options.outDir, MANIFEST_FILE);
  const root = new OutputRoot(options.outDir);
  const manifestText = (await root.readFile(MANIFEST_FILE))?.toString("utf8");
  const owned = manifestText === undefined ? new Map<string, string>() : parseManifest(manifestText, manifestPath);
  const stale = stalePaths(files, owned, options.scopes);
  const [entries, deletable] = await Promise.all([
    readEntries(
      root,
      files.map((file) => file.path),
    ),
    findDeletable(root, stale),
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
