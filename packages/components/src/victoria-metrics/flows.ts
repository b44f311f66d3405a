import { flow, type Flow, type Workload } from "../network-flows/model.js";

/**
 * Pods of the VictoriaMetrics operator's custom resources: the operator labels them
 * `app.kubernetes.io/name: <vmsingle|vmagent|vmalert|vmalertmanager>` and
 * `app.kubernetes.io/instance: <name>` (VictoriaMetrics/operator `api/operator/v1beta1/*_types.go`, SelectorLabels).
 */
export function vmWorkload(cluster: string, namespace: string, kind: "vmsingle" | "vmagent" | "vmalert" | "vmalertmanager", name: string): Workload {
  return { cluster, namespace, name: `${kind}-${name}`, labels: { "app.kubernetes.io/name": kind, "app.kubernetes.io/instance": name } };
}

export const vmsinglePort = 8428;
export const alertmanagerPort = 9093;

/** vmalert's flows inside the stack: it queries and writes to VMSingle and notifies Alertmanager. */
export function vmStackFlows(vmsingle: Workload, vmalert: Workload, alertmanager: Workload): Flow[] {
  return [
    flow("victoria-metrics", vmalert, vmsingle, [vmsinglePort], "vmalert evaluates rules and writes recording results", `vmsingle-${vmsingle.labels["app.kubernetes.io/instance"]}`),
    flow("victoria-metrics", vmalert, alertmanager, [alertmanagerPort], "vmalert notifies Alertmanager", `vmalertmanager-${alertmanager.labels["app.kubernetes.io/instance"]}`),
  ];
}
