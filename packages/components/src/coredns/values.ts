import { clusterDomain, kubeDnsLabel } from "@k8s-gitops/core/conventions";
import type { ChartValues } from "../charts/index.js";
/** One CoreDNS plugin line of a server block: `name parameters { configBlock }`. */
export interface CoreDnsPlugin {
  name: string;
  parameters?: string;
  configBlock?: string;
}

/** A CoreDNS server block (zones served on a port, with their plugin chain). */
export interface CoreDnsServer {
  zones: { zone: string; scheme?: string; use_tcp?: boolean }[];
  port: number;
  plugins: CoreDnsPlugin[];
}

/** The values of the pinned coredns chart, generated from its archive (values.yaml, schema, templates). */
export type CoreDnsValues = ChartValues["coredns"];

// The cluster domain and the kube-dns label are platform conventions.
export { clusterDomain, kubeDnsLabel };

/**
 * The Corefile of the cluster: Kubernetes records for the cluster domain and reverse zones,
 * everything else forwarded to the node's resolvers (`/etc/resolv.conf` of a `dnsPolicy: Default`
 * pod, i.e. what Talos gives the kubelet).
 */
export const defaultServers: CoreDnsServer[] = [
  {
    // use_tcp: answers larger than 512 bytes must also be served over TCP.
    zones: [{ zone: ".", scheme: "dns://", use_tcp: true }],
    port: 53,
    plugins: [
      { name: "errors" },
      // lameduck keeps answering while the Service drops the terminating endpoint.
      { name: "health", configBlock: "lameduck 5s" },
      { name: "ready" },
      {
        name: "kubernetes",
        parameters: `${clusterDomain} in-addr.arpa ip6.arpa`,
        configBlock: ["pods insecure", "fallthrough in-addr.arpa ip6.arpa", "ttl 30"].join("\n"),
      },
      { name: "prometheus", parameters: "0.0.0.0:9153" },
      { name: "forward", parameters: ". /etc/resolv.conf" },
      { name: "cache", parameters: "30" },
      { name: "loop" },
      { name: "reload" },
      { name: "loadbalance" },
    ],
  },
];

/** Defaults for a cluster whose DNS Service address is `clusterIP`. */
export function defaultValues(clusterIP: string): CoreDnsValues {
  return {
    fullnameOverride: "coredns",
    // Two replicas on different nodes: one node down never takes cluster DNS with it.
    replicaCount: 2,
    // The chart serves the well-known kube-dns Service that kubelets point pods at.
    k8sAppLabelOverride: kubeDnsLabel["k8s-app"],
    priorityClassName: "system-cluster-critical",
    serviceAccount: { create: true },
    service: { name: "kube-dns", clusterIP },
    servers: defaultServers,
    affinity: {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { ...kubeDnsLabel } }, topologyKey: "kubernetes.io/hostname" },
        ],
      },
    },
    // DNS must come up before anything else, including on tainted control-plane nodes.
    tolerations: [
      { key: "CriticalAddonsOnly", operator: "Exists" },
      { key: "node-role.kubernetes.io/control-plane", operator: "Exists", effect: "NoSchedule" },
    ],
    podDisruptionBudget: { minAvailable: 1 },
    prometheus: { service: { enabled: true }, monitor: { enabled: true } },
  };
}
