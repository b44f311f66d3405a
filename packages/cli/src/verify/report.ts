import { formatProblemLine, type Problem } from "./problems.js";
import type { TwinCounts } from "./twin/twin.js";

/** What `pnpm verify` counted; see docs/verify.md for what each number means. */
export interface VerifyCounts {
  readonly files: number;
  readonly clusters: number;
  /** Folders with a kustomization.yaml below kubernetes/ that `kubectl kustomize` built. */
  readonly kustomizations: number;
  /** Flux Kustomizations whose spec.path was followed into the tree. */
  readonly fluxPaths: number;
  /** Documents of all build outputs (plus bootstrap templates), each counted once per build it is in. */
  readonly documents: number;
  /** Distinct documents among them; each is validated once. */
  readonly uniqueDocuments: number;
  /** Allow-listed kinds without a schema: `apiVersion kind` → distinct documents and the reason. */
  readonly withoutSchema: ReadonlyMap<string, { readonly count: number; readonly reason: string }>;
  readonly talosDocuments: number;
  /** HelmReleases (per cluster) and bootstrap helmfile releases whose values were validated. */
  readonly helmValuesChecked: number;
  /** Distinct charts whose values.schema.json those releases were validated against. */
  readonly helmChartsChecked: number;
  /** `chart version` of releases whose chart ships no values.schema.json → number of releases. */
  readonly helmWithoutSchema: ReadonlyMap<string, number>;
  /** The helm binary releases were rendered with (`helm v4.1.4 (helm on PATH)`), undefined when rendering was off. */
  readonly helm?: string | undefined;
  /** Releases rendered with `helm template` (Flux per cluster, helmfile per environment). */
  readonly releasesRendered?: number;
  /** Objects those renders produced (validated with the same strict schemas). */
  readonly renderedObjects?: number;
  /** Wall time of the render step (helm, or the render cache). */
  readonly renderSeconds?: number;
  /** The "every value must matter" check: values checked, proven, proven by the sentinel render alone, renders, seconds. */
  readonly valuesMatter?: { readonly pinned: readonly string[]; readonly checked: number; readonly proven: number; readonly bySentinel: number; readonly renders: number; readonly seconds: number } | undefined;
  /** Renders served from the render cache. */
  readonly rendersCached?: number;
  /** `subject: reason` of every release not rendered because its chart cannot be had offline. */
  readonly releasesSkipped?: readonly string[];
  /** The install replay of every cluster (see docs/verify.md, "The twin"). */
  readonly twin: TwinCounts;
  /** Selectors of the generated network policies matched to rendered or operator-created pods, and those in namespaces of skipped charts. */
  readonly flowSelectors?: { readonly checked: number; readonly unverifiable: number; readonly scrapesChecked?: number; readonly scrapesUnverifiable?: number };
}

export interface VerifyReport {
  readonly problems: readonly Problem[];
  readonly counts: VerifyCounts;
  readonly schemaRoot: string;
}

const number = (n: number): string => n.toLocaleString("en-US");
const plural = (n: number, noun: string): string => `${number(n)} ${noun}${n === 1 ? "" : "s"}`;

/** The summary line(s); the first names the outcome, the rest detail the allow-list and schemaless charts. */
export function formatSummary(report: VerifyReport, seconds: number): string {
  const c = report.counts;
  const withoutSchema = [...c.withoutSchema.values()].reduce((sum, entry) => sum + entry.count, 0);
  const charts = [...c.helmWithoutSchema.keys()].map((key) => key.split(" ")[0]);
  const lines = [
    `verify: ${number(c.kustomizations)} kustomizations built, ${number(c.fluxPaths)} Flux paths followed on ${c.clusters} clusters, ` +
      `${number(c.documents)} documents validated (${number(c.uniqueDocuments)} unique), ${withoutSchema} without schema,`,
    `  ${number(c.talosDocuments)} Talos documents, ${number(c.helmValuesChecked)} Helm values checked against ` +
      `${plural(c.helmChartsChecked, "chart schema")} (${new Set(charts).size} other charts ship no schema), ${plural(report.problems.length, "problem")} in ${seconds.toFixed(1)}s`,
  ];
  if (c.helm !== undefined) {
    lines.push(
      `  ${plural(c.releasesRendered ?? 0, "release")} rendered with ${c.helm} in ${(c.renderSeconds ?? 0).toFixed(1)}s (${number(c.rendersCached ?? 0)} from the render cache), ` +
        `${number(c.renderedObjects ?? 0)} rendered objects validated, ${number(c.releasesSkipped?.length ?? 0)} skipped`,
    );
    const v = c.valuesMatter;
    if (v !== undefined) {
      lines.push(
        `  ${number(v.proven)} of ${plural(v.checked, "value")} proven to change the rendered output (${number(v.bySentinel)} by the sentinel render), ${number(v.pinned.length)} pin the chart's default, ${plural(v.renders, "render")} in ${v.seconds.toFixed(1)}s`,
      );
      const byChart = new Map<string, string[]>();
      for (const pin of v.pinned) {
        const [chart = "", key = ""] = pin.split(": ");
        byChart.set(chart, [...(byChart.get(chart) ?? []), key]);
      }
      for (const [chart, keys] of byChart) lines.push(`  pinned defaults of ${chart}: ${keys.join(", ")}`);
    }
    for (const skipped of c.releasesSkipped ?? []) lines.push(`  skipped: ${skipped}`);
    if (c.flowSelectors) {
      lines.push(`  ${plural(c.flowSelectors.checked, "network policy selector")} matched to rendered or operator-created pods, ${number(c.flowSelectors.unverifiable)} in namespaces of skipped charts`);
      if (c.flowSelectors.scrapesChecked !== undefined) lines.push(`  ${plural(c.flowSelectors.scrapesChecked, "scrape target")} admitted by the network policies (VMAgent -> pod port, GET path), ${number(c.flowSelectors.scrapesUnverifiable ?? 0)} scrape objects not judged (skipped charts, Services without selector)`);
    }
  }
  const t = c.twin;
  lines.push(
    `  twin: ${number(t.steps)} install steps replayed, ${number(t.objects)} objects applied, ${number(t.resolved)} references resolved` +
      (t.unrendered > 0 ? `, ${plural(t.unrendered, "release")} not rendered (${number(t.unverifiable)} references left unjudged)` : "") +
      ` in ${t.seconds.toFixed(1)}s`,
  );
  for (const [kind, entry] of c.withoutSchema) lines.push(`  without schema (allow-listed): ${kind} ×${entry.count}: ${entry.reason}`);
  if (c.helmWithoutSchema.size > 0) {
    lines.push(`  charts without values schema: ${[...c.helmWithoutSchema].map(([chart, n]) => `${chart} ×${n}`).join(", ")}`);
  }
  return lines.join("\n");
}

/**
 * The counts of a `pnpm verify` run that are zero although every tree this project generates has
 * some: Flux clusters, kustomize builds, Flux paths, documents, Talos documents (every cluster is a
 * Talos cluster) and Helm values (every cluster bootstraps at least its CNI with Helm). A zero means
 * verify looked in the wrong place and proved nothing, which must not pass as "0 problems".
 */
export function uncheckedCounts(counts: VerifyCounts): string[] {
  const required = ["clusters", "kustomizations", "fluxPaths", "documents", "uniqueDocuments", "talosDocuments", "helmValuesChecked"] as const;
  return required.filter((key) => counts[key] === 0);
}

/** Every problem on its own line (`check: file: message`), then the summary. */
export function formatReport(report: VerifyReport, seconds: number): string {
  return [...report.problems.map(formatProblemLine), formatSummary(report, seconds)].join("\n");
}
