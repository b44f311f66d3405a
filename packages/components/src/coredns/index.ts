import {
  defineComponent,
  merge,
  ociChart,
  showValue,
  UserError,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Inventory,
} from "@k8s-gitops/core";
import { ipv4InCidr } from "./ipv4.js";
import { defaultValues, type CoreDnsValues } from "./values.js";

export { clusterDomain, defaultServers, kubeDnsLabel } from "./values.js";
export type { CoreDnsPlugin, CoreDnsServer, CoreDnsValues } from "./values.js";
export { corednsMonitoring } from "./alerts.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://ghcr.io/coredns/charts/coredns", "1.46.2");

export type CoreDnsStage = "app";

export interface CoreDnsProps {
  /** Deep-merged over the defaults: objects merge, arrays replace (e.g. `servers`), null deletes. */
  readonly values?: DeepPartial<CoreDnsValues>;
}

/**
 * The cluster DNS address must be a ClusterIP the API server can allocate. The inventory
 * validator guarantees it; this repeats the check where the value is used, so a hand-built
 * context cannot produce a Service the API server rejects at bootstrap.
 */
export function assertClusterDnsInServiceCidr(inventory: Inventory): void {
  const { clusterDNS, serviceCIDR } = inventory.network;
  if (!ipv4InCidr(clusterDNS, serviceCIDR)) {
    throw new UserError(
      `coredns: inventory of cluster ${showValue(inventory.cluster.name)}: network.clusterDNS ${showValue(clusterDNS)} is outside network.serviceCIDR ${showValue(serviceCIDR)}`,
    );
  }
}

/**
 * CoreDNS as the cluster's `kube-dns` (Talos' built-in CoreDNS is disabled by the Talos patch):
 * the Service keeps the inventory's `network.clusterDNS` address every kubelet hands to pods.
 */
export function coredns(context: ClusterContext, props: CoreDnsProps = {}): Component<CoreDnsStage> {
  assertClusterDnsInServiceCidr(context.inventory);
  const values = merge(defaultValues(context.inventory.network.clusterDNS), props.values);
  // The component provides "cluster-dns" (checked by defineCluster), which holds only at the address every kubelet hands to pods.
  const clusterIP = values.service?.clusterIP;
  if (clusterIP !== context.inventory.network.clusterDNS) {
    throw new UserError(
      `coredns (cluster ${showValue(context.inventory.cluster.name)}): values.service.clusterIP ${showValue(clusterIP)} is not network.clusterDNS ${showValue(context.inventory.network.clusterDNS)}, the nameserver the kubelet hands to every pod; change the inventory's network.clusterDNS instead`,
    );
  }
  return defineComponent({
    name: "coredns",
    namespace: "kube-system",
    area: "infrastructure",
    category: "network",
    // Its Service kube-system/kube-dns answers at network.clusterDNS (values.service.clusterIP).
    provides: ["cluster-dns"],
    stages: [{ name: "app", releases: [{ name: "coredns", chart, values }], resources: [] }],
  });
}
export * from "./flows.js";
