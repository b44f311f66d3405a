import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/**
 * Workloads of the cilium chart (labels from `helm template` of chart 1.20.0). The agent, Envoy
 * and the operator run on the host network (outside CiliumNetworkPolicy, reached as `host` /
 * `remote-node`); hubble-relay, hubble-ui and clustermesh-apiserver are pods.
 */
export function ciliumWorkload(cluster: string, namespace: string, name: "cilium-agent" | "cilium-envoy" | "cilium-operator" | "hubble-relay" | "hubble-ui" | "clustermesh-apiserver"): Workload {
  const labels: Record<typeof name, Record<string, string>> = {
    "cilium-agent": { "app.kubernetes.io/name": "cilium-agent" },
    "cilium-envoy": { "app.kubernetes.io/name": "cilium-envoy" },
    "cilium-operator": { "app.kubernetes.io/name": "cilium-operator" },
    "hubble-relay": { "k8s-app": "hubble-relay" },
    "hubble-ui": { "k8s-app": "hubble-ui" },
    "clustermesh-apiserver": { "k8s-app": "clustermesh-apiserver" },
  };
  const hostNetwork = name === "cilium-agent" || name === "cilium-envoy" || name === "cilium-operator";
  return { cluster, namespace, name, labels: labels[name], ...(hostNetwork ? { hostNetwork } : {}) };
}

/** The Hubble peer/observer port of every agent (`hubble.peerService.targetPort`, chart default 4244). */
export const hubblePeerPort = 4244;
/** hubble-relay's gRPC port (container port `grpc`). */
export const hubbleRelayPort = 4245;

/**
 * The label the default deny of kube-system leaves out: clustermesh-apiserver. Its etcd (2379)
 * is dialled by the agents of this cluster and by the other cluster's kvstoremesh through the
 * LoadBalancer before ClusterMesh has told either side the other's identities (that connection
 * is what carries them), so the first connection arrives as `world`; mTLS guards it instead.
 */
export const clustermeshApiserverExemption = { label: ["k8s-app", "clustermesh-apiserver"] as const, reason: "etcd of ClusterMesh: the peer cluster connects before identities are shared; mTLS-protected" };

/**
 * hubble-relay collects flows from every agent's Hubble server (the `hubble-peer` Service points
 * at 4244 on the nodes); hubble-ui asks hubble-relay; VMAgent scrapes the agents (9962, Hubble
 * 9965), Envoy (9964) and the operator (9963) on the nodes, and hubble-relay (9966) and
 * clustermesh-apiserver (9962 apiserver, 9963 etcd, 9964 kvstoremesh) as pods, each on
 * `/metrics` (the chart's ServiceMonitors).
 */
export function ciliumFlows(c: FlowContext): Flow[] {
  const w = (name: Parameters<typeof ciliumWorkload>[2]) => ciliumWorkload(c.cluster, c.namespace, name);
  const relay = w("hubble-relay");
  return [
    flow("cilium", relay, w("cilium-agent"), [hubblePeerPort], "hubble-relay reads every agent's Hubble server"),
    flow("cilium", w("hubble-ui"), relay, [hubbleRelayPort], "hubble-ui queries hubble-relay"),
    scrapeFlow("cilium", c.scraper, w("cilium-agent"), 9962, { what: "the Cilium agents (ServiceMonitor cilium-agent)" }),
    scrapeFlow("cilium", c.scraper, w("cilium-agent"), 9965, { what: "Hubble metrics on the agents (ServiceMonitor hubble)" }),
    scrapeFlow("cilium", c.scraper, w("cilium-envoy"), 9964, { what: "Cilium's Envoy (ServiceMonitor cilium-envoy)" }),
    scrapeFlow("cilium", c.scraper, w("cilium-operator"), 9963, { what: "the Cilium operator (ServiceMonitor cilium-operator)" }),
    scrapeFlow("cilium", c.scraper, relay, 9966, { what: "hubble-relay (ServiceMonitor hubble-relay)" }),
    ...[9962, 9963, 9964].map((port) => scrapeFlow("cilium", c.scraper, w("clustermesh-apiserver"), port, { what: `clustermesh-apiserver ${port} (ServiceMonitor clustermesh-apiserver)` })),
  ];
}
