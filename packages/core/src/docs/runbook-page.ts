import { posix } from "node:path";
import type { Cluster } from "../cluster/index.js";
import { markdownHeader } from "./markdown.js";
import { placeholderRows, postgresClusterRows, secretItemRows } from "./runbook.js";
import type { RunbookPage } from "./templates/runbook.js";

/** Where the runbook goes inside the output root. */
export const runbookPath = "docs/runbook.md";

/**
 * The view of `docs/runbook.md`. Clusters come in build order (the estate builds the cluster that
 * serves the others first), which is also the bootstrap order. The Talos and bootstrap runbooks
 * are the repository's `docs/talos.md` and `docs/bootstrap.md`, linked relative to `gitPath`.
 */
export function runbookPage(clusters: readonly Cluster[], gitPath: string): RunbookPage {
  const items = secretItemRows(clusters);
  const fromDocs = (target: string): string => posix.relative(posix.join(gitPath, "docs"), target);
  return {
    header: markdownHeader(`clusters ${clusters.map((c) => c.name).join(", ")}`),
    clusters: clusters.map((c) => c.name),
    first: clusters[0]?.name ?? "",
    talosLink: fromDocs("docs/talos.md"),
    bootstrapLink: fromDocs("docs/bootstrap.md"),
    backupsLink: fromDocs("docs/backups.md"),
    postgres: postgresClusterRows(clusters),
    vaults: [...new Set(items.map((i) => i.vault))].sort(),
    items,
    createCount: items.filter((i) => i.when !== "written by the cluster").length,
    placeholders: placeholderRows(clusters),
  };
}
