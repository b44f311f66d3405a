import { scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The snapshot-controller Deployment (labels from `helm template` of chart 5.2.0); metrics on 8080. It only talks to the API server. */
export function snapshotControllerPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "snapshot-controller", labels: { "app.kubernetes.io/name": "snapshot-controller", "app.kubernetes.io/instance": "snapshot-controller" } };
}

export const snapshotControllerMetricsPort = 8080;

export function snapshotControllerFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("snapshot-controller", c.scraper, snapshotControllerPods(c.cluster, c.namespace), snapshotControllerMetricsPort, { what: "snapshot-controller (ServiceMonitor snapshot-controller)" })];
}
