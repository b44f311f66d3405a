import { showValue } from "../errors/index.js";
import type { CompositionRule } from "./rule.js";

const names = (components: readonly { readonly name: string }[]): string => components.map((c) => showValue(c.name)).join(", ");

/**
 * Exactly one source of cluster DNS. The kubelet hands every pod `network.clusterDNS` as its
 * nameserver (Talos writes it to `machine.kubelet.clusterDNS`); something must serve the `kube-dns`
 * Service at that address. `@k8s-gitops/talos` disables Talos' own CoreDNS (`cluster.coreDNS.disabled`
 * in packages/talos/src/cluster-patch.ts), so without a component providing `"cluster-dns"` no pod
 * resolves a Service name: Flux's own controllers included, so the cluster never reconciles.
 * Two providers (two components, or a component while Talos' CoreDNS is kept) each create the
 * Service `kube-system/kube-dns` with the same ClusterIP: the second one fails to install
 * (Helm refuses to adopt an object another owner created; the API server refuses a second
 * Service on an allocated ClusterIP).
 */
export const oneClusterDnsProvider: CompositionRule = ({ name, inventory, components, keepTalosCoreDns = false }) => {
  const providers = components.filter((component) => component.provides?.includes("cluster-dns"));
  const address = inventory.network.clusterDNS;
  const cluster = `cluster ${showValue(name)}`;
  if (providers.length === 0 && !keepTalosCoreDns) {
    return [
      `${cluster}: no component provides cluster DNS and Talos' own CoreDNS is disabled, so nothing answers at network.clusterDNS ${showValue(address)}, the nameserver of every pod. Add the coredns component (coredns(context) from @k8s-gitops/components/coredns) or keep Talos' CoreDNS (return { components, keepTalosCoreDns: true } from the defineCluster builder)`,
    ];
  }
  if (providers.length > 1) {
    return [`${cluster}: components ${names(providers)} all provide cluster DNS at ${showValue(address)}; keep one`];
  }
  if (providers.length === 1 && keepTalosCoreDns) {
    return [
      `${cluster}: keeps Talos' CoreDNS and component ${names(providers)} also provides cluster DNS at ${showValue(address)}: both create the Service kube-system/kube-dns. Remove the component or drop keepTalosCoreDns`,
    ];
  }
  return [];
};
