import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ChartSource } from "@k8s-gitops/core/flux";

/** One pinned chart version and where the pin is declared. */
export interface ChartPin {
  readonly name: string;
  readonly version: string;
  /** The exports that pin it, e.g. `@k8s-gitops/components/coredns#chart`. */
  readonly declaredBy: readonly string[];
}

function isChartSource(value: unknown): value is ChartSource {
  if (value === null || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return (v.type === "oci" || v.type === "repository") && typeof v.name === "string" && typeof v.version === "string";
}

/** Chart pins among a module's exports: `chart` objects and CRD charts (`{ chart }`) one level down. */
export function pinsOfModule(module: Record<string, unknown>, specifier: string): { name: string; version: string; declaredBy: string }[] {
  const found: { name: string; version: string; declaredBy: string }[] = [];
  for (const [exportName, value] of Object.entries(module)) {
    if (isChartSource(value)) found.push({ name: value.name, version: value.version, declaredBy: `${specifier}#${exportName}` });
    else if (value !== null && typeof value === "object" && isChartSource((value as { chart?: unknown }).chart)) {
      const chart = (value as { chart: ChartSource }).chart;
      found.push({ name: chart.name, version: chart.version, declaredBy: `${specifier}#${exportName}.chart` });
    }
  }
  return found;
}

/** Groups found pins by chart and version, sorted by name then version. */
export function groupPins(found: readonly { name: string; version: string; declaredBy: string }[]): ChartPin[] {
  const byKey = new Map<string, { name: string; version: string; declaredBy: string[] }>();
  for (const pin of found) {
    const key = `${pin.name}@${pin.version}`;
    const entry = byKey.get(key) ?? { name: pin.name, version: pin.version, declaredBy: [] };
    if (!entry.declaredBy.includes(pin.declaredBy)) entry.declaredBy.push(pin.declaredBy);
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/**
 * Every chart version the estate pins, read from the exported chart objects of each component
 * (`@k8s-gitops/components/<folder>`) and of the reference estate (`@k8s-gitops/clusters`, the
 * phase-0 CRD charts), so a pin changed anywhere is seen here without a copied list.
 */
export async function collectPins(repoRoot: string): Promise<ChartPin[]> {
  const componentsSrc = join(repoRoot, "packages", "components", "src");
  const folders = readdirSync(componentsSrc, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== "charts" && readdirSync(join(componentsSrc, entry.name)).includes("index.ts"))
    .map((entry) => entry.name)
    .sort();
  const found: { name: string; version: string; declaredBy: string }[] = [];
  for (const folder of folders) {
    const specifier = `@k8s-gitops/components/${folder}`;
    found.push(...pinsOfModule((await import(specifier)) as Record<string, unknown>, specifier));
  }
  found.push(...pinsOfModule((await import("@k8s-gitops/clusters")) as Record<string, unknown>, "@k8s-gitops/clusters"));
  return groupPins(found);
}
