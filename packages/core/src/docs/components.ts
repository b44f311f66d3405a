import { stageKustomizationName, type Component } from "../component/index.js";
import type { Release } from "../flux/index.js";
import type { ClusterDefinition } from "../render/index.js";

/**
 * One row of the component inventory: a HelmRelease with its chart, or, for a component without
 * any, the component itself (plain manifests).
 */
export interface ComponentRow {
  readonly component: string;
  /** `area/category`. */
  readonly group: string;
  readonly namespace: string;
  readonly stage: string;
  /** Name of the stage's Flux Kustomization. */
  readonly kustomization: string;
  /** HelmRelease name, empty for plain manifests. */
  readonly release: string;
  /** Chart name, empty for plain manifests. */
  readonly chart: string;
  /** Chart version (tag, semver range or digest as Flux has it), empty when none is pinned. */
  readonly version: string;
  /** Where the chart comes from: OCI URL or Helm repository URL. */
  readonly source: string;
}

/**
 * The chart of a release as Flux resolves it: an OCI chart is named by the last URL segment
 * and pinned by its tag, a repository chart by `chart.spec.chart` and `version`.
 */
function chartOf(release: Release): Pick<ComponentRow, "chart" | "version" | "source"> {
  const { chart } = release;
  return { chart: chart.name, version: chart.version, source: chart.type === "oci" ? chart.url : chart.repository };
}

/** The releases of each stage, including those of the shared bases the stage includes. */
type StageReleases = readonly (readonly Release[])[];

function rowsOf(component: Component, stageReleases: StageReleases): ComponentRow[] {
  const base = { component: component.name, group: `${component.area}/${component.category}`, namespace: component.namespace };
  const releases = component.stages.flatMap((stage, index) =>
    (stageReleases[index] ?? []).map((release) => ({
      ...base,
      stage: stage.name,
      kustomization: stageKustomizationName(component, stage.name),
      release: release.name,
      ...chartOf(release),
    })),
  );
  if (releases.length > 0) return releases;
  const stages = component.stages.map((stage) => stage.name);
  const names = component.stages.map((stage) => stageKustomizationName(component, stage.name));
  return [{ ...base, stage: stages.join(", "), kustomization: names.join(", "), release: "", chart: "", version: "", source: "" }];
}

const sortKey = (component: Component): string => `${component.area}/${component.category}\u0000${component.name}`;

/**
 * The component inventory of a cluster: every HelmRelease of every stage (including the shared
 * bases the stage includes) with its chart,
 * version and source, and one row per component that has no HelmRelease. Sorted by
 * `area/category`, then component, keeping stage order within a component.
 */
export function componentRows(cluster: ClusterDefinition): ComponentRow[] {
  const bases = new Map<string, readonly Release[]>();
  for (const tree of cluster.components.flatMap((c) => c.shared ?? [])) {
    if (tree.type === "base" && !bases.has(tree.name)) bases.set(tree.name, tree.releases ?? []);
  }
  // A stage's release may live in a shared base the stage includes (e.g. an operator chart
  // both clusters install identically), so the base's releases count as the stage's.
  const releasesOf = (component: Component): StageReleases =>
    component.stages.map((s) => [...(s.bases ?? []).flatMap((name) => bases.get(name) ?? []), ...(s.releases ?? [])]);
  return [...cluster.components]
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
    .flatMap((component) => rowsOf(component, releasesOf(component)));
}
