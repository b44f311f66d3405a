import { readFileSync } from "node:fs";
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
  /**
   * CPU time (user + system) of the run: this process plus the processes it waited for (the command
   * runner with every helm and kubectl it started). On a shared machine this, not the wall time,
   * is what compares between runs. Undefined where /proc/self/stat cannot be read (not Linux).
   */
  readonly cpuMs?: number;
}

/**
 * CPU milliseconds of the waited-for children so far: `cutime` + `cstime` of /proc/self/stat
 * (fields 16 and 17, in clock ticks of 1/100 s: USER_HZ, 100 on Linux), or undefined.
 */
export function childrenCpuMs(stat?: string): number | undefined {
  let text = stat;
  try {
    text ??= readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  // Field 2 (the command) may hold spaces and parentheses: the fields after it start at the last ")".
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return Number.isFinite(cutime) && Number.isFinite(cstime) ? (cutime + cstime) * 10 : undefined;
}

export interface VerifyBench {
  /** Empty caches (renders, kustomize builds, schema verdicts): every render runs helm, every folder kubectl. */
  readonly cold: VerifyRun;
  /** Same cache, nothing changed. */
  readonly warm: VerifyRun;
}

async function once(work: string): Promise<VerifyRun> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const childrenStart = childrenCpuMs();
  const report = await verifyTree(defaultOutDir(), {
    renderCache: join(work, "render-cache"),
    kustomizeCache: join(work, "kustomize-cache"),
    verdictCache: join(work, "verdict-cache"),
    kubeVersions: kubeVersionsOf(await loadInventories()),
  });
  const c = report.counts;
  const self = process.cpuUsage(cpuStart);
  const childrenEnd = childrenCpuMs();
  const children = childrenStart === undefined || childrenEnd === undefined ? undefined : childrenEnd - childrenStart;
  return {
    totalMs: performance.now() - start,
    renderMs: (c.renderSeconds ?? 0) * 1000,
    valuesMs: (c.valuesMatter?.seconds ?? 0) * 1000,
    releases: c.releasesRendered ?? 0,
    renders: c.valuesMatter?.renders ?? 0,
    problems: report.problems.length,
    ...(children === undefined ? {} : { cpuMs: (self.user + self.system) / 1000 + children }),
  };
}

/** `pnpm verify` cold (fresh caches under `work`) then warm (the same caches again). */
export async function benchVerify(work: string): Promise<VerifyBench> {
  const cold = await once(work);
  const warm = await once(work);
  return { cold, warm };
}
