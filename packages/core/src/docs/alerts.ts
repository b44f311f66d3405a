import type { Cluster } from "../cluster/index.js";

/** One alert of a VMRule the cluster applies, for the docs. */
export interface AlertRow {
  /** The component the rule watches (label `k8s-gitops.io/component`), else the VMRule's name. */
  readonly component: string;
  readonly group: string;
  readonly alert: string;
  readonly severity: string;
  /** How long the condition must hold (`for`), empty when it fires at once. */
  readonly holdFor: string;
  readonly summary: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Every alerting rule of every VMRule the cluster's components apply, in the order they are defined. */
export function alertRows(cluster: Pick<Cluster, "components">): AlertRow[] {
  const rows: AlertRow[] = [];
  for (const component of cluster.components) {
    for (const stage of component.stages) {
      for (const resource of stage.resources) {
        if (resource.kind !== "VMRule" || !resource.apiVersion.startsWith("operator.victoriametrics.com/")) continue;
        const doc = resource as unknown as Json;
        const metadata = isObject(doc["metadata"]) ? doc["metadata"] : {};
        const labels = isObject(metadata["labels"]) ? metadata["labels"] : {};
        const owner = text(labels["k8s-gitops.io/component"]) || text(metadata["name"]);
        const spec = isObject(doc["spec"]) ? doc["spec"] : {};
        for (const group of list(spec["groups"])) {
          if (!isObject(group)) continue;
          for (const rule of list(group["rules"])) {
            if (!isObject(rule) || typeof rule["alert"] !== "string") continue;
            const ruleLabels = isObject(rule["labels"]) ? rule["labels"] : {};
            const annotations = isObject(rule["annotations"]) ? rule["annotations"] : {};
            rows.push({
              component: owner,
              group: text(group["name"]),
              alert: rule["alert"],
              severity: text(ruleLabels["severity"]),
              holdFor: text(rule["for"]),
              summary: text(annotations["summary"]),
            });
          }
        }
      }
    }
  }
  return rows;
}
