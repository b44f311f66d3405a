import type { Workload } from "../network-flows/model.js";

/** The victoria-logs-single server StatefulSet (labels read from `helm template` of chart 0.13.9). Listens on 9428. */
export function victoriaLogsServer(cluster: string, namespace: string, release = "victoria-logs"): Workload {
  return { cluster, namespace, name: "victoria-logs", labels: { "app.kubernetes.io/name": "victoria-logs-single", "app.kubernetes.io/instance": release } };
}

export const victoriaLogsPort = 9428;
