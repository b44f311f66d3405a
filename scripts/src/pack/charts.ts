import { readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { ChartSource } from "@k8s-gitops/core";

/** A chart object some component module exports. */
export interface ExportedChart {
  /** Component folder, e.g. `cert-manager`. */
  readonly component: string;
  readonly exportName: string;
  readonly chart: ChartSource;
}

const isChart = (value: unknown): value is ChartSource => {
  const candidate = value as Partial<ChartSource> | null;
  return (
    candidate !== null &&
    typeof candidate === "object" &&
    (candidate.type === "oci" || candidate.type === "repository") &&
    typeof candidate.version === "string" &&
    typeof candidate.name === "string"
  );
};

/** Component folders of @k8s-gitops/components (those with an index.ts). */
export function componentFolders(componentsSrc: string): string[] {
  return readdirSync(componentsSrc, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(componentsSrc, entry.name, "index.ts")))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Every chart exported by a component index, each object once (a chart re-exported by a second
 * index is the same pin). `load` imports `@k8s-gitops/components/<folder>`.
 */
export async function exportedCharts(folders: readonly string[], load: (folder: string) => Promise<Record<string, unknown>>): Promise<ExportedChart[]> {
  const seen = new Set<ChartSource>();
  const charts: ExportedChart[] = [];
  for (const component of folders) {
    for (const [exportName, value] of Object.entries(await load(component))) {
      if (!isChart(value) || seen.has(value)) continue;
      seen.add(value);
      charts.push({ component, exportName, chart: value });
    }
  }
  return charts;
}

/** What Renovate must extract for a chart: the registry path or chart name, and the version. */
export function expectedDependency(chart: ChartSource): { depName: string; currentValue: string; registryUrl?: string } {
  return chart.type === "oci"
    ? { depName: chart.url.replace(/^oci:\/\//, ""), currentValue: chart.version }
    : { depName: chart.name, currentValue: chart.version, registryUrl: chart.repository };
}

/**
 * `ociChart("oci://…", other.version)`: a chart whose version is, in code, another chart's. Renovate
 * cannot see it, and needs not: it moves with the pin it is derived from.
 */
export function derivedVersionCharts(source: string): { depName: string; from: string }[] {
  return [...source.matchAll(/ociChart\(\s*"oci:\/\/([^"]+)",\s*([A-Za-z_$][\w$]*)\.version\b/g)].map((match) => ({ depName: match[1]!, from: match[2]! }));
}
