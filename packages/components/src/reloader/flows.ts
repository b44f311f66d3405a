import { scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The reloader Deployment (labels from `helm template` of chart 2.2.16); metrics on 9090. It only talks to the API server. */
export function reloaderPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "reloader", labels: { app: "reloader", release: "reloader" } };
}

export const reloaderMetricsPort = 9090;

export function reloaderFlows(c: FlowContext): Flow[] {
  return [scrapeFlow("reloader", c.scraper, reloaderPods(c.cluster, c.namespace), reloaderMetricsPort, { what: "reloader (PodMonitor reloader)" })];
}
