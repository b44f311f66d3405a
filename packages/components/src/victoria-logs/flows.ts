import { scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The victoria-logs-single server StatefulSet (labels read from `helm template` of chart 0.13.9). Listens on 9428. */
export function victoriaLogsServer(cluster: string, namespace: string, release = "victoria-logs"): Workload {
  return { cluster, namespace, name: "victoria-logs", labels: { "app.kubernetes.io/name": "victoria-logs-single", "app.kubernetes.io/instance": release } };
}

export const victoriaLogsPort = 9428;

/** VMAgent scrapes the server on its HTTP port (ServiceMonitor victoria-logs, path /metrics). */
export function victoriaLogsFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("victoria-logs", c.scraper, victoriaLogsServer(c.cluster, c.namespace), victoriaLogsPort, { what: "VictoriaLogs (ServiceMonitor victoria-logs)" })];
}
