import { join } from "node:path";
import { defaultOutDir } from "../cli/repo.js";
import { verifyTree } from "../verify/verify-tree.js";

/** One `pnpm verify` of generated/, in process, with its Helm part timed on its own. */
export interface VerifyRun {
  readonly totalMs: number;
  /** Rendering every release (helm or the render cache). */
  readonly renderMs: number;
  /** Proving every value (sentinel and per-value renders, or the render cache). */
  readonly valuesMs: number;
  readonly releases: number;
  readonly renders: number;
  readonly problems: number;
}

export interface VerifyBench {
  /** Empty render cache: every render runs helm. */
  readonly cold: VerifyRun;
  /** Same cache, nothing changed. */
  readonly warm: VerifyRun;
}

async function once(cache: string): Promise<VerifyRun> {
  const start = performance.now();
  const report = await verifyTree(defaultOutDir(), { renderCache: cache });
  const c = report.counts;
  return {
    totalMs: performance.now() - start,
    renderMs: (c.renderSeconds ?? 0) * 1000,
    valuesMs: (c.valuesMatter?.seconds ?? 0) * 1000,
    releases: c.releasesRendered ?? 0,
    renders: c.valuesMatter?.renders ?? 0,
    problems: report.problems.length,
  };
}

/** `pnpm verify` cold (a fresh render cache under `work`) then warm (the same cache again). */
export async function benchVerify(work: string): Promise<VerifyBench> {
  const cache = join(work, "render-cache");
  const cold = await once(cache);
  const warm = await once(cache);
  return { cold, warm };
}
