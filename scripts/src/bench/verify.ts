import { join } from "node:path";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { loadInventories } from "@k8s-gitops/clusters";
import { kubeVersionsOf, verifyTree } from "k8s-gitops/verify/verify-tree";

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
  /** Empty caches (renders, kustomize builds, schema verdicts): every render runs helm, every folder kubectl. */
  readonly cold: VerifyRun;
  /** Same cache, nothing changed. */
  readonly warm: VerifyRun;
}

async function once(work: string): Promise<VerifyRun> {
  const start = performance.now();
  const report = await verifyTree(defaultOutDir(), {
    renderCache: join(work, "render-cache"),
    kustomizeCache: join(work, "kustomize-cache"),
    verdictCache: join(work, "verdict-cache"),
    kubeVersions: kubeVersionsOf(await loadInventories()),
  });
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

/** `pnpm verify` cold (fresh caches under `work`) then warm (the same caches again). */
export async function benchVerify(work: string): Promise<VerifyBench> {
  const cold = await once(work);
  const warm = await once(work);
  return { cold, warm };
}
