import { scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The fluent-bit DaemonSet (labels read from `helm template` of the fluent-bit chart); its HTTP server listens on 2020. */
export function fluentBitPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "fluent-bit", labels: { "app.kubernetes.io/name": "fluent-bit", "app.kubernetes.io/instance": "fluent-bit" } };
}

export const fluentBitHttpPort = 2020;

/** VMAgent scrapes Fluent Bit's HTTP server (ServiceMonitor fluent-bit, path /api/v2/metrics/prometheus). */
export function fluentBitFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("fluent-bit", c.scraper, fluentBitPods(c.cluster, c.namespace), fluentBitHttpPort, { path: "/api/v2/metrics/prometheus", what: "Fluent Bit (ServiceMonitor fluent-bit)" })];
}
