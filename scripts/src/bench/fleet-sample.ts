import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { renderClusters } from "@k8s-gitops/clusters";
import { buildFleet, fleetInventories } from "@k8s-gitops/clusters/fleet";
import { writeTree, type GeneratedFile } from "@k8s-gitops/core";
import { treeSize } from "./documents.js";
import { settleDisk } from "./settle.js";

/** What one fleet child process reports on its last stdout line, as JSON. */
export interface FleetSample {
  readonly n: number;
  readonly files: number;
  readonly documents: number;
  readonly bytes: number;
  readonly written: number;
  /** Milliseconds per phase, measured inside the process (module loading excluded). */
  readonly phases: { readonly inventories: number; readonly build: number; readonly render: number; readonly write: number };
  /** The four phases together: what `pnpm generate` would do for this fleet, minus start-up. */
  readonly totalMs: number;
  /** Not part of the total: the same files written with plain writeFile (no staging, no fsync), a floor for the write phase. */
  readonly plainWriteMs: number;
  /** Resident set size after loading the code, before any work, in KiB. */
  readonly baselineRssKiB: number;
  /** Peak resident set size of the whole process, in KiB. */
  readonly peakRssKiB: number;
}

/** Writes files without any of the writer's guarantees; only to show what durability costs. */
async function writePlainly(files: readonly GeneratedFile[], outDir: string): Promise<void> {
  const dirs = new Set(files.map((file) => dirname(join(outDir, file.path))));
  for (const dir of dirs) await mkdir(dir, { recursive: true });
  const queue = [...files];
  const worker = async (): Promise<void> => {
    for (let file = queue.pop(); file; file = queue.pop()) await writeFile(join(outDir, file.path), file.content);
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

/**
 * Generates a synthetic fleet of n clusters into `outDir` (fresh), the way `pnpm generate` does:
 * validate the inventories, build the clusters, render and emit, write atomically; then the
 * same files once more into `plainDir` without the writer, for comparison. Each timed part starts
 * after {@link settleDisk}.
 */
export async function generateFleet(n: number, outDir: string, plainDir: string): Promise<FleetSample> {
  const baselineRssKiB = Math.round(process.memoryUsage().rss / 1024);
  settleDisk();
  const t0 = performance.now();
  const inventories = fleetInventories(n);
  const t1 = performance.now();
  const clusters = buildFleet(inventories);
  const t2 = performance.now();
  const { files } = renderClusters(clusters);
  const t3 = performance.now();
  const result = await writeTree(files, { outDir });
  const t4 = performance.now();
  const peakRssKiB = process.resourceUsage().maxRSS;
  // The writer's own pages are still being written back; the plain write starts on a quiet disk too.
  settleDisk();
  const t5 = performance.now();
  await writePlainly(files, plainDir);
  const plainWriteMs = performance.now() - t5;
  return {
    n,
    ...treeSize(files),
    written: result.written.length,
    phases: { inventories: t1 - t0, build: t2 - t1, render: t3 - t2, write: t4 - t3 },
    totalMs: t4 - t0,
    plainWriteMs,
    baselineRssKiB,
    peakRssKiB,
  };
}
