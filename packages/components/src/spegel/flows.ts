import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The spegel DaemonSet (labels from `helm template` of chart 0.7.4): registry 5000, router 5001 TCP and UDP (QUIC), metrics 9090. */
export function spegelPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "spegel", labels: { "app.kubernetes.io/component": "spegel", "app.kubernetes.io/name": "spegel", "app.kubernetes.io/instance": "spegel" } };
}

export const spegelRegistryPort = 5000;
export const spegelRouterPort = 5001;
export const spegelMetricsPort = 9090;

/**
 * Spegel peers find each other on the router port (libp2p, TCP and QUIC) and fetch layers from
 * each other's registry port. containerd reaches the local registry through the hostPort, from
 * the node (`host`, admitted by the default deny).
 */
export function spegelFlows(c: FlowContext): Flow[] {
  const pods = spegelPods(c.cluster, c.namespace);
  return [
    flow("spegel", pods, pods, [spegelRegistryPort, { port: spegelRouterPort, protocol: "TCP" }, { port: spegelRouterPort, protocol: "UDP" }], "spegel peers route (libp2p) and serve image layers to each other"),
    scrapeFlow("spegel", c.scraper, pods, spegelMetricsPort, { what: "spegel (ServiceMonitor spegel)" }),
  ];
}
