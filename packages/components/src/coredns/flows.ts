import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";
import { kubeDnsLabel } from "./values.js";

/** The CoreDNS Deployment (labels from `helm template` of the coredns chart 1.46.2): DNS on 53, metrics on 9153. */
export function corednsPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "coredns", labels: { ...kubeDnsLabel, "app.kubernetes.io/name": "coredns", "app.kubernetes.io/instance": "coredns" } };
}

export const dnsPort = 53;
export const corednsMetricsPort = 9153;

/**
 * Cluster DNS: every identity of the cluster asks CoreDNS. `cluster` is the entity for that
 * (Cilium `pkg/policy/api/entity.go`, InitEntities: host, remote-node, init, health, unmanaged and
 * every endpoint labelled with this cluster's name), so pods, host-network pods and the nodes
 * are admitted and the other cluster's pods are not. The rule is L4 only: Cilium refuses DNS
 * rules on ingress (`pkg/policy/api/rule_validation.go`, PortRule.Validate: "DNS rules are not allowed on ingress");
 * the DNS visibility rule sits on each namespace's egress (the default deny). CoreDNS forwards
 * what is not cluster-local to the node's resolvers (`forward . /etc/resolv.conf`, see
 * values.ts), which are outside the cluster (`world`).
 */
export function corednsFlows(c: FlowContext): Flow[] {
  const dns = corednsPods(c.cluster, c.namespace);
  const ports = [
    { port: dnsPort, protocol: "UDP" as const },
    { port: dnsPort, protocol: "TCP" as const },
  ];
  return [
    flow("coredns", { entity: "cluster", cluster: c.cluster }, dns, ports, "every endpoint of the cluster resolves names at kube-dns"),
    flow("coredns", dns, { entity: "world", cluster: c.cluster }, ports, "CoreDNS forwards other names to the node's upstream resolvers"),
    scrapeFlow("coredns", c.scraper, dns, corednsMetricsPort, { what: "CoreDNS (ServiceMonitor coredns)" }),
  ];
}
