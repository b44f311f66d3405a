/**
 * Every component that exposes metrics must be watched: a VMRule (alerts vmalert evaluates) and a
 * Grafana dashboard ConfigMap (collected by Grafana's dashboard sidecar, label `grafana_dashboard`),
 * both labelled `k8s-gitops.io/component: <component>`, somewhere in the estate (the hub on infra
 * evaluates every cluster's metrics). "Exposes metrics" means the component's objects, as Flux
 * applies them or as `helm template` renders its charts, include a scrape object the operators act
 * on: ServiceMonitor/PodMonitor (monitoring.coreos.com; the VictoriaMetrics operator converts them,
 * VictoriaMetrics/operator internal/controller/operator/converter) or VMServiceScrape/VMPodScrape.
 *
 * The component of an object is the app folder of the file it comes from:
 * `kubernetes/<area>/<cluster>/<category>/<component>/...`, or `kubernetes/bases/<base>/...`.
 */
import type { PlacedObject } from "./disruption.js";
import { apiVersionOf, at, groupOf, kindOf } from "./objects.js";
import { type Problem, problem } from "./problems.js";

export const componentLabel = "k8s-gitops.io/component";

/**
 * Components that expose metrics but have no alerts and dashboard of their own yet, each with the
 * reason. One place, so the gap is visible; an entry that is no longer needed is itself a problem.
 */
export const monitoringPending: ReadonlyMap<string, string> = new Map<string, string>([]);

const scrapeKinds: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["monitoring.coreos.com", new Set(["ServiceMonitor", "PodMonitor"])],
  ["operator.victoriametrics.com", new Set(["VMServiceScrape", "VMPodScrape"])],
]);

export const isScrape = (doc: unknown): boolean => scrapeKinds.get(groupOf(apiVersionOf(doc)))?.has(kindOf(doc)) === true;

/** The component (app folder) of a file of the tree, or undefined for files outside the component layout. */
export function componentOfFile(file: string): string | undefined {
  const parts = file.split("/");
  if (parts[0] !== "kubernetes") return undefined;
  if (parts[1] === "bases" && parts.length > 3) return parts[2];
  if ((parts[1] === "infrastructure" || parts[1] === "workloads") && parts.length > 5) return parts[4];
  return undefined;
}

const labelOf = (doc: unknown): string | undefined => {
  const value = at(doc, "metadata", "labels", componentLabel);
  return typeof value === "string" ? value : undefined;
};

const isDashboard = (doc: unknown): boolean => kindOf(doc) === "ConfigMap" && apiVersionOf(doc) === "v1" && typeof at(doc, "metadata", "labels", "grafana_dashboard") === "string";
const isRule = (doc: unknown): boolean => kindOf(doc) === "VMRule" && groupOf(apiVersionOf(doc)) === "operator.victoriametrics.com";

/** Components with scrape objects and no VMRule or no dashboard of theirs; stale {@link monitoringPending} entries. */
export function monitoringProblems(
  objects: readonly PlacedObject[],
  pending: ReadonlyMap<string, string> = monitoringPending,
  options: {
    /**
     * Whether the charts' rendered objects are among `objects`. Most scrape objects come from the
     * charts, so without them a pending entry cannot be judged stale. @default true
     */
    readonly chartsRendered?: boolean;
  } = {},
): Problem[] {
  const scraped = new Map<string, { file: string; clusters: Set<string> }>();
  const rules = new Set<string>();
  const dashboards = new Set<string>();
  const present = new Set<string>();
  for (const object of objects) {
    const folder = componentOfFile(object.file);
    if (folder !== undefined) present.add(folder);
    const label = labelOf(object.doc);
    if (label !== undefined && isRule(object.doc)) rules.add(label);
    if (label !== undefined && isDashboard(object.doc)) dashboards.add(label);
    if (!isScrape(object.doc)) continue;
    const component = componentOfFile(object.file);
    if (component === undefined) continue;
    const entry = scraped.get(component) ?? { file: object.file, clusters: new Set<string>() };
    entry.clusters.add(object.cluster);
    scraped.set(component, entry);
  }
  const problems: Problem[] = [];
  for (const [component, { file, clusters }] of [...scraped].sort(([a], [b]) => a.localeCompare(b))) {
    const missing = [rules.has(component) ? undefined : "a VMRule", dashboards.has(component) ? undefined : "a grafana_dashboard ConfigMap"].filter(Boolean);
    if (missing.length === 0) {
      if (pending.has(component)) problems.push(problem("monitoring", file, `component ${component} now has alerts and a dashboard: remove it from monitoringPending`));
      continue;
    }
    if (pending.has(component)) continue;
    problems.push(
      problem(
        "monitoring",
        file,
        `component ${component} exposes metrics (a scrape object on cluster ${[...clusters].sort().join(", ")}) without ${missing.join(" and without ")} labelled ${componentLabel}: ${component} exists in the estate`,
      ),
    );
  }
  for (const component of options.chartsRendered === false ? [] : pending.keys()) {
    // Only for components of this tree: other trees (tests, other estates) need not run them all.
    if (present.has(component) && !scraped.has(component)) {
      problems.push(problem("monitoring", "packages/cli/src/verify/monitoring.ts", `monitoringPending lists ${component}, which exposes no metrics in this tree`));
    }
  }
  return problems;
}
