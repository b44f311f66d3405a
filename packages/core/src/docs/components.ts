import { stageKustomizationName, type Component, type Resource } from "../component/index.js";
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

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const nameOf = (doc: Json): string => text(at(doc, "metadata", "name"));

/**
 * The resource's own fields, read in place: kubernetes-models instances keep their data as
 * plain properties, and only a few fields of the chart objects are read, so converting every
 * resource (with all its Helm values) to JSON would cost more than the rest of the docs.
 */
const asJson = (resource: Resource): Json => resource as unknown as Json;

interface Chart {
  readonly chart: string;
  readonly version: string;
  readonly source: string;
}

/**
 * The chart of a HelmRelease, read the way Flux resolves it: `spec.chartRef` to an OCIRepository
 * (chart = last URL segment, version = `ref.tag`/`semver`/`digest`) or `spec.chart.spec` with a
 * HelmRepository source. Sources are looked up in the component first, then in the cluster.
 */
function chartOf(release: Json, local: readonly Json[], cluster: readonly Json[]): Chart {
  const find = (kind: string, name: string): Json | undefined =>
    local.find((doc) => doc.kind === kind && nameOf(doc) === name) ?? cluster.find((doc) => doc.kind === kind && nameOf(doc) === name);
  const chartRef = at(release, "spec", "chartRef");
  if (isObject(chartRef)) {
    const kind = text(chartRef.kind);
    const name = text(chartRef.name);
    const repo = kind === "OCIRepository" ? find(kind, name) : undefined;
    if (!repo) return { chart: name, version: "", source: `${kind} ${name}` };
    const url = text(at(repo, "spec", "url"));
    const ref = at(repo, "spec", "ref");
    const version = text(at(ref, "tag")) || text(at(ref, "semver")) || text(at(ref, "digest"));
    return { chart: url.split("/").pop() ?? url, version, source: url };
  }
  const spec = at(release, "spec", "chart", "spec");
  const sourceRef = at(spec, "sourceRef");
  const repo = find(text(at(sourceRef, "kind")), text(at(sourceRef, "name")));
  return {
    chart: text(at(spec, "chart")),
    version: text(at(spec, "version")),
    source: repo ? text(at(repo, "spec", "url")) : `${text(at(sourceRef, "kind"))} ${text(at(sourceRef, "name"))}`,
  };
}

/** Plain JSON of every resource, per component and stage, converted once. */
type PlainStages = readonly (readonly Json[])[];

function rowsOf(component: Component, plain: PlainStages, cluster: readonly Json[]): ComponentRow[] {
  const base = { component: component.name, group: `${component.area}/${component.category}`, namespace: component.namespace };
  const local = plain.flat();
  const releases = component.stages.flatMap((stage, index) =>
    (plain[index] ?? [])
      .filter((doc) => doc.kind === "HelmRelease")
      .map((doc) => ({
        ...base,
        namespace: text(at(doc, "metadata", "namespace")) || component.namespace,
        stage: stage.name,
        kustomization: stageKustomizationName(component, stage.name),
        release: nameOf(doc),
        ...chartOf(doc, local, cluster),
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
  const bases = new Map<string, readonly Json[]>();
  for (const tree of cluster.components.flatMap((c) => c.shared ?? [])) {
    if (tree.type === "base" && !bases.has(tree.name)) bases.set(tree.name, tree.resources.map(asJson));
  }
  // A stage's HelmRelease may live in a shared base the stage includes (e.g. an operator chart
  // both clusters install identically), so the base's resources count as the stage's.
  const plain = new Map(
    cluster.components.map(
      (c) => [c, c.stages.map((s) => [...(s.bases ?? []).flatMap((name) => bases.get(name) ?? []), ...s.resources.map(asJson)])] as const,
    ),
  );
  const all = [...plain.values()].flatMap((stages) => stages.flat());
  return [...cluster.components]
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
    .flatMap((component) => rowsOf(component, plain.get(component)!, all));
}
