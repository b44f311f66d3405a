import { scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The grafana Deployment (labels read from `helm template` of chart 12.11.1); the server listens on 3000. */
export function grafanaPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "grafana", labels: { "app.kubernetes.io/name": "grafana", "app.kubernetes.io/instance": "grafana" } };
}

export const grafanaPort = 3000;

/** VMAgent scrapes Grafana's server port (ServiceMonitor grafana, path /metrics). */
export function grafanaScrapeFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("grafana", c.scraper, grafanaPods(c.cluster, c.namespace), grafanaPort, { what: "Grafana (ServiceMonitor grafana)" })];
}
