import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import type { ChartRef } from "./helm-values.js";
import { cacheDir } from "@k8s-gitops/core/cache";

/** Environment variable naming one more chart folder (`<chart>/<chart>-<version>.tgz`), searched first. */
export const chartsDirEnv = "K8S_GITOPS_CHARTS_DIR";

/**
 * Charts no offline copy exists of, so no release of them is rendered. Each is reported as
 * skipped with its reason; an entry no release uses is reported as stale.
 */
export const offlineUnavailableCharts: readonly { readonly chart: string; readonly reason: string }[] = [
  { chart: "openebs", reason: "its source at the pinned version and its dependency charts are not available offline" },
  { chart: "gitlab", reason: "published from gitlab.com only, which is not reachable offline" },
  { chart: "gitlab-runner", reason: "published from gitlab.com only, which is not reachable offline" },
];

/**
 * The folders holding packaged charts, in search order: `$K8S_GITOPS_CHARTS_DIR`, `../shared/charts`
 * beside the repository (found from the working directory), and the cache `k8s-gitops fetch charts` fills.
 */
export function chartRoots(env: Readonly<Record<string, string | undefined>> = process.env, cwd: string = process.cwd()): string[] {
  const roots: string[] = [];
  if (env[chartsDirEnv]) roots.push(resolve(env[chartsDirEnv]!));
  const repo = findRepoRoot(cwd);
  if (repo !== undefined) roots.push(resolve(repo, "..", "shared", "charts"));
  roots.push(cacheDir("charts", env));
  return [...new Set(roots)];
}

/** Where a chart's archive is, or why there is none. */
export type ArchiveLookup =
  | { readonly archive: string }
  | { readonly skipped: string }
  | { readonly missing: string };

const archiveName = (chart: string, version: string): string => `${chart}-${version}.tgz`;

/** The versions of `chart` present in any root, sorted. */
export function availableVersions(chart: string, roots: readonly string[]): string[] {
  const prefix = `${chart}-`;
  const versions = new Set<string>();
  for (const root of roots) {
    const dir = join(root, chart);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (name.startsWith(prefix) && name.endsWith(".tgz")) versions.add(name.slice(prefix.length, -".tgz".length));
    }
  }
  return [...versions].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
}

/**
 * Finds `<root>/<chart>/<chart>-<version>.tgz` in the first root that has it. A chart on
 * {@link offlineUnavailableCharts} is `skipped` with its reason; otherwise a missing archive is
 * `missing` with a message naming the chart, the version, the folders searched and the versions
 * that are there.
 */
export function findChartArchive(ref: Pick<ChartRef, "chart" | "version">, roots: readonly string[], unavailable = offlineUnavailableCharts): ArchiveLookup {
  const offline = unavailable.find((entry) => entry.chart === ref.chart);
  if (offline !== undefined) return { skipped: `chart ${ref.chart} ${ref.version} cannot be rendered offline: ${offline.reason}` };
  for (const root of roots) {
    const archive = join(root, ref.chart, archiveName(ref.chart, ref.version));
    if (existsSync(archive)) return { archive };
  }
  const versions = availableVersions(ref.chart, roots);
  const there = versions.length === 0 ? "no version of it is there" : `versions there: ${versions.join(", ")}`;
  return {
    missing: `chart ${ref.chart} ${ref.version}: no archive ${ref.chart}/${archiveName(ref.chart, ref.version)} in ${roots.join(", ")} (${there}); pin a released version, or run \`k8s-gitops fetch charts\``,
  };
}
