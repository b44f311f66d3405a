import type { Workload } from "../network-flows/model.js";

/** The fluent-bit DaemonSet (labels read from `helm template` of the fluent-bit chart). */
export function fluentBitPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "fluent-bit", labels: { "app.kubernetes.io/name": "fluent-bit", "app.kubernetes.io/instance": "fluent-bit" } };
}
