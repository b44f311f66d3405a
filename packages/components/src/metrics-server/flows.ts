import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The metrics-server Deployment (labels from `helm template` of chart 3.13.1); it serves HTTPS on 10250. */
export function metricsServerPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "metrics-server", labels: { "app.kubernetes.io/name": "metrics-server", "app.kubernetes.io/instance": "metrics-server" } };
}

export const metricsServerPort = 10250;
export const kubeletPort = 10250;

/**
 * metrics-server reads every kubelet's Summary API (10250 on the nodes, `host` and
 * `remote-node`); the API server calls it through the APIService (the default deny admits
 * `kube-apiserver`); VMAgent scrapes it over TLS (ServiceMonitor metrics-server, scheme https).
 */
export function metricsServerFlows(c: FlowContext): Flow[] {
  const pods = metricsServerPods(c.cluster, c.namespace);
  return [
    ...(["host", "remote-node"] as const).map((entity) => flow("metrics-server", pods, { entity, cluster: c.cluster }, [kubeletPort], `metrics-server reads the kubelet Summary API on ${entity === "host" ? "its own node" : "the other nodes"}`)),
    scrapeFlow("metrics-server", c.scraper, pods, metricsServerPort, { tls: true, what: "metrics-server (ServiceMonitor metrics-server)" }),
  ];
}
