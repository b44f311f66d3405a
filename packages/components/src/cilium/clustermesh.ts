import { peersOf, type ClusterContext } from "@k8s-gitops/core";
import type { BootstrapSecret } from "@k8s-gitops/core/bootstrap";
import { externalSecret, sharedPushStore } from "../external-secrets/index.js";
import { fixedAddress } from "./load-balancer.js";

/** Port of the clustermesh-apiserver's etcd, the one remote agents connect to. */
export const clustermeshPort = 2379;

/**
 * The CA every ClusterMesh and Hubble certificate of every cluster is signed with. It lives in
 * 1Password (item `cilium-ca`, fields `ca.crt` and `ca.key`) once, in the vault shared by every
 * cluster (`external.onepassword.sharedVault`; without one, in each cluster's own vault, which
 * must then hold the same CA), and reaches the cluster as Secret `cilium-ca`, from which Cilium's certgen job issues
 * the per-cluster leaf certificates (`clustermesh-apiserver-{server,admin,remote,local}-cert`,
 * `hubble-*`). A shared CA is what lets each cluster trust the others' client certificates.
 */
export const clustermeshCa = { name: "cilium-ca", item: "cilium-ca", keys: ["ca.crt", "ca.key"] } as const;

/**
 * The vault holding {@link clustermeshCa}: the shared vault when the inventory has one (one
 * source for every cluster), else the cluster's own.
 */
export function clustermeshCaVault(context: ClusterContext): string {
  const { vault, sharedVault } = context.inventory.external.onepassword;
  return sharedVault ?? vault;
}

/** The ExternalSecret that materialises {@link clustermeshCa}, read from {@link clustermeshCaVault}. */
export function clustermeshCaSecret(context: ClusterContext) {
  // The shared store searches only the shared vault, so a stale copy in the cluster's own vault
  // can never shadow the one CA (the default store searches the cluster's vault first).
  const store = context.inventory.external.onepassword.sharedVault === undefined ? {} : { store: sharedPushStore };
  // The bootstrap created the Secret before External Secrets existed: merge into it, don't own it.
  return externalSecret({ name: clustermeshCa.name, item: clustermeshCa.item, keys: [...clustermeshCa.keys], creationPolicy: "Merge", ...store });
}

export interface MeshPeer {
  readonly name: string;
  readonly port: number;
  /** Reached as `<name>.<clustermesh.config.domain>`, which the agents resolve to these IPs. */
  readonly ips: readonly string[];
}

/**
 * Every other cluster of the estate with the fixed LoadBalancer address of its
 * clustermesh-apiserver. Each cluster lists the others, so the connection is made from both ends.
 */
export function meshPeers(context: ClusterContext): MeshPeer[] {
  return peersOf(context).map((peer) => ({
    name: peer.cluster.name,
    port: clustermeshPort,
    ips: [fixedAddress(peer, "clustermeshApiServer").address],
  }));
}

/**
 * The ClusterMesh/Hubble CA as a bootstrap Secret: the clustermesh-apiserver (and so the helmfile
 * `wait` on the cilium release) needs it before External Secrets exists. It reads the same item
 * (fields `ca.crt-base64`, `ca.key-base64`: PEM is multi-line, so base64) from
 * {@link clustermeshCaVault}, since the clusters trust each other through it.
 */
export function clustermeshCaBootstrapSecret(context: ClusterContext): BootstrapSecret {
  const ref = (field: string) => `op://${clustermeshCaVault(context)}/${clustermeshCa.item}/${field}-base64`;
  return {
    name: clustermeshCa.name,
    namespace: "kube-system",
    purpose: "CA of ClusterMesh and Hubble; certgen issues the leaf certificates from it",
    data: Object.fromEntries(clustermeshCa.keys.map((key) => [key, ref(key)])),
  };
}
