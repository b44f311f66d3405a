import { posix } from "node:path";
import { showValue } from "@k8s-gitops/core/errors";
import { hasHelmSchema, helmSchemaPath, upstreamFiles, validateHelmValues } from "@k8s-gitops/core/schemas";
import { valuesAllowListFile, type ValuesAllowListEntry } from "./allow-list.js";
import { listSchemaDir } from "./schema-root.js";
import type { AppliedObject, ClusterObjects } from "./flux-tree.js";
import { at, describeObject, isHelmRelease, kindOf, nameOf, namespaceOf, textAt } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

/** A chart resolved from a HelmRelease or a helmfile release. */
export interface ChartRef {
  /** The chart's name as published (last segment of an OCI URL, or `chart.spec.chart`). */
  readonly chart: string;
  readonly version: string;
  /** Where it comes from (OCI URL or repository URL), for charts whose name is ambiguous. */
  readonly repository: string;
}

/**
 * Charts stored under another name in the schema root, because their published name is too
 * generic to be a folder name: CloudNativePG's `cluster` chart is `helm/cnpg-cluster/`.
 */
const schemaChartAliases: readonly { readonly chart: string; readonly repository: RegExp; readonly schemaChart: string }[] = [
  { chart: "cluster", repository: /cloudnative-pg/, schemaChart: "cnpg-cluster" },
];

export function schemaChartOf(ref: ChartRef): string {
  return schemaChartAliases.find((alias) => alias.chart === ref.chart && alias.repository.test(ref.repository))?.schemaChart ?? ref.chart;
}

const lastSegment = (url: string): string => url.replace(/\/+$/, "").split("/").pop() ?? "";

/** Only exact versions name one schema; ranges such as `1.x` or `>=1.2` are resolved by Flux at run time. */
const isExactVersion = (version: string): boolean => /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version);

export type Resolution = { readonly ref: ChartRef } | { readonly unresolved: string } | undefined;

/** The chart and version a HelmRelease installs, looked up in the objects of its cluster. */
export function chartOf(release: unknown, objects: readonly AppliedObject[]): Resolution {
  const namespace = namespaceOf(release);
  const find = (kind: string, ref: unknown): unknown =>
    objects.find((o) => kindOf(o.doc) === kind && nameOf(o.doc) === textAt(ref, "name") && namespaceOf(o.doc) === (textAt(ref, "namespace") ?? namespace))?.doc;
  const chartRef = at(release, "spec", "chartRef");
  if (chartRef !== undefined) {
    const kind = textAt(chartRef, "kind");
    const source = kind === undefined ? undefined : find(kind, chartRef);
    // A missing source is the flux-graph check's finding.
    if (source === undefined) return undefined;
    if (kind === "OCIRepository") {
      const url = textAt(source, "spec", "url") ?? "";
      const tag = textAt(source, "spec", "ref", "tag");
      if (tag === undefined) return { unresolved: `${describeObject(source)} pins no spec.ref.tag` };
      return { ref: { chart: lastSegment(url), version: tag, repository: url } };
    }
    if (kind === "HelmChart") {
      const version = textAt(source, "spec", "version") ?? "*";
      return { ref: { chart: textAt(source, "spec", "chart") ?? "", version, repository: "" } };
    }
    return { unresolved: `chartRef kind ${showValue(kind)} has no chart version` };
  }
  const spec = at(release, "spec", "chart", "spec");
  const chart = textAt(spec, "chart");
  if (chart === undefined) return undefined;
  const source = find(textAt(spec, "sourceRef", "kind") ?? "HelmRepository", at(spec, "sourceRef"));
  return { ref: { chart: posix.basename(chart), version: textAt(spec, "version") ?? "*", repository: textAt(source, "spec", "url") ?? "" } };
}

/** Outcome of {@link checkHelmValues}. */
export interface HelmValuesResult {
  readonly problems: readonly Problem[];
  /** HelmReleases (per cluster) and bootstrap releases whose values were validated. */
  readonly checked: number;
  /** `chart version` of the releases whose chart ships no values.schema.json, with how many releases use it. */
  readonly withoutSchema: ReadonlyMap<string, number>;
  /** Schema files used, relative to the schema root. */
  readonly schemaFiles: ReadonlySet<string>;
  /** Allow-list entries that excused a problem, and the charts whose values were checked. */
  readonly usedEntries: ReadonlySet<ValuesAllowListEntry>;
  readonly checkedCharts: ReadonlySet<string>;
}

export interface HelmValuesOptions {
  readonly schemaRoot: string;
  /** Keys a chart reads but its schema lacks; unused entries are reported. */
  readonly allowList: readonly ValuesAllowListEntry[];
}

/** Helm values schemas `k8s-gitops fetch schemas` downloads. */
const fetchable: ReadonlySet<string> = new Set(upstreamFiles.filter((file) => file.set === "helm").map((file) => file.path));

/** The JSON pointer of the key an `additionalProperties` problem names, e.g. `/loadBalancer/mode`. */
function unknownKeyPointer(path: string, message: string): string | undefined {
  const quoted = /^must NOT have additional properties \((".*")\)$/.exec(message)?.[1];
  if (quoted === undefined) return undefined;
  return `${path}/${(JSON.parse(quoted) as string).replace(/~/g, "~0").replace(/\//g, "~1")}`;
}

/** One set of values to validate against its chart's schema. */
export interface ValuesToCheck {
  readonly file: string;
  /** `HelmRelease kube-system/cilium` or `helmfile release cilium (infra)`. */
  readonly subject: string;
  readonly ref: ChartRef;
  readonly values: unknown;
  /** Where the values sit, for messages: `spec.values` or `values`. */
  readonly valuesPath: string;
}

/**
 * Validates values against the chart's `values.schema.json`, the way `helm install` does, but as
 * overrides (`required` is not enforced: the chart's defaults fill it) and rejecting keys the
 * schema does not declare (a typo would otherwise pass). Charts without a schema are counted.
 * A chart with schemas for other versions but not this one is a problem: a version bump must
 * not silently switch validation off.
 */
export function checkValues(items: readonly ValuesToCheck[], options: HelmValuesOptions): HelmValuesResult {
  const problems: Problem[] = [];
  const withoutSchema = new Map<string, number>();
  const schemaFiles = new Set<string>();
  const used = new Set<ValuesAllowListEntry>();
  const checkedCharts = new Set<string>();
  let checked = 0;
  for (const item of items) {
    if (!isExactVersion(item.ref.version)) {
      const key = `${item.ref.chart} ${item.ref.version} (a version range)`;
      withoutSchema.set(key, (withoutSchema.get(key) ?? 0) + 1);
      continue;
    }
    const schemaChart = schemaChartOf(item.ref);
    const label = `${item.subject} (chart ${item.ref.chart} ${item.ref.version})`;
    if (!hasHelmSchema(schemaChart, item.ref.version, { root: options.schemaRoot })) {
      const path = helmSchemaPath(schemaChart, item.ref.version).split("\\").join("/");
      if (fetchable.has(path)) {
        // An incomplete download (`schemas:fetch --only ...`) must not pass for "the chart ships no schema".
        problems.push(problem("helm-values", item.file, `${label}: the schema root ${options.schemaRoot} lacks ${path}; run \`k8s-gitops fetch schemas\``));
        continue;
      }
      const versions = listSchemaDir(options.schemaRoot, `helm/${schemaChart}`);
      if (versions.length > 0) {
        problems.push(
          problem(
            "helm-values",
            item.file,
            `${label}: the schema root has values schemas for ${schemaChart} ${versions.join(", ")} but not ${item.ref.version}; add it to upstream.ts and run \`k8s-gitops fetch schemas\``,
          ),
        );
        continue;
      }
      const key = `${item.ref.chart} ${item.ref.version}`;
      withoutSchema.set(key, (withoutSchema.get(key) ?? 0) + 1);
      continue;
    }
    checked++;
    checkedCharts.add(schemaChart);
    schemaFiles.add(helmSchemaPath(schemaChart, item.ref.version).split("\\").join("/"));
    const found = validateHelmValues(schemaChart, item.ref.version, item.values ?? {}, { root: options.schemaRoot, partial: true, rejectUnknownKeys: true });
    for (const p of found) {
      const pointer = unknownKeyPointer(p.path, p.message);
      const allowed = options.allowList.find((entry) => entry.chart === schemaChart && entry.pointer === pointer);
      if (allowed !== undefined) used.add(allowed);
      else problems.push(problem("helm-values", item.file, `${label}: ${item.valuesPath}${p.path}: ${p.message}`));
    }
  }
  return { problems, checked, withoutSchema, schemaFiles, usedEntries: used, checkedCharts };
}

/**
 * Allow-list entries that excused nothing although their chart's values were checked: stale.
 * (Entries of charts no release uses say nothing either way.)
 */
export function unusedValuesEntries(allowList: readonly ValuesAllowListEntry[], results: readonly HelmValuesResult[]): Problem[] {
  const used = new Set(results.flatMap((r) => [...r.usedEntries]));
  const charts = new Set(results.flatMap((r) => [...r.checkedCharts]));
  return allowList
    .filter((entry) => !used.has(entry) && charts.has(entry.chart))
    .map((entry) => problem("allow-list", valuesAllowListFile, `values ${entry.pointer} of chart ${entry.chart} matches no Helm values; remove the entry`));
}

/** Adds up several {@link checkValues} results. */
export function mergeHelmResults(results: readonly HelmValuesResult[]): HelmValuesResult {
  const withoutSchema = new Map<string, number>();
  for (const result of results) for (const [key, n] of result.withoutSchema) withoutSchema.set(key, (withoutSchema.get(key) ?? 0) + n);
  return {
    problems: results.flatMap((r) => r.problems),
    checked: results.reduce((sum, r) => sum + r.checked, 0),
    withoutSchema,
    schemaFiles: new Set(results.flatMap((r) => [...r.schemaFiles])),
    usedEntries: new Set(results.flatMap((r) => [...r.usedEntries])),
    checkedCharts: new Set(results.flatMap((r) => [...r.checkedCharts])),
  };
}

/** The values of every HelmRelease Flux applies, per cluster, with its resolved chart. */
export function helmReleaseValues(clusters: readonly ClusterObjects[], origins: OriginIndex): { items: ValuesToCheck[]; problems: Problem[] } {
  const items: ValuesToCheck[] = [];
  const problems: Problem[] = [];
  for (const { objects } of clusters) {
    for (const object of objects.filter((o) => isHelmRelease(o.doc))) {
      const file = origins.fileOf(object.doc, [object.dir]);
      const resolution = chartOf(object.doc, objects);
      if (resolution === undefined) continue;
      if ("unresolved" in resolution) {
        problems.push(problem("helm-values", file, `${describeObject(object.doc)}: cannot tell the chart version (${resolution.unresolved})`));
        continue;
      }
      items.push({ file, subject: describeObject(object.doc), ref: resolution.ref, values: at(object.doc, "spec", "values"), valuesPath: "spec.values" });
    }
  }
  return { items, problems };
}

