import type { Inventory } from "../inventory/index.js";
import { nodeLinks } from "../inventory/index.js";

/** One row of the IP plan: an address, range, ASN or id, what it is, and where it is set. */
export interface IpPlanRow {
  readonly value: string;
  readonly what: string;
  /** Field path in the cluster's inventory file. */
  readonly field: string;
}

const fixedPurpose: Readonly<Record<string, string>> = {
  internalGateway: "Internal gateway (LAN-only routes)",
  externalGateway: "External gateway (routes published to the internet)",
  clustermeshApiServer: "ClusterMesh API server",
};

const fieldPath = (path: readonly (string | number)[]): string =>
  path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");

/** Every static address of every node link (untagged and VLAN), in inventory order. */
function nodeAddressRows(inventory: Inventory): IpPlanRow[] {
  return inventory.nodes.flatMap((node, n) =>
    nodeLinks(node).flatMap((link) =>
      link.addresses.map((address, a) => ({
        value: address,
        what: `Node ${node.hostname}${link.vlan ? ` (VLAN ${link.vlan.id})` : ""}`,
        field: fieldPath(["nodes", n, ...link.path, "addresses", a]),
      })),
    ),
  );
}

/**
 * The IP plan of one cluster: node subnet, gateway and resolvers, API VIP, node addresses,
 * pod and service networks, LoadBalancer subnet, pools and fixed addresses, BGP ASNs and peers,
 * ClusterMesh id and external services, in that order.
 */
export function ipPlanRows(inventory: Inventory): IpPlanRow[] {
  const { cluster, network, external } = inventory;
  const lb = network.loadBalancer;
  return [
    { value: network.nodeSubnet, what: "Node subnet", field: "network.nodeSubnet" },
    { value: network.gateway, what: "Default gateway", field: "network.gateway" },
    ...network.dns.map((dns, i) => ({ value: dns, what: `DNS resolver ${i + 1}`, field: `network.dns[${i}]` })),
    { value: cluster.endpoint.vip, what: `Control-plane VIP, ${cluster.endpoint.host}:${cluster.endpoint.port}`, field: "cluster.endpoint.vip" },
    ...nodeAddressRows(inventory),
    { value: network.podCIDR, what: "Pod CIDR", field: "network.podCIDR" },
    { value: network.serviceCIDR, what: "Service CIDR", field: "network.serviceCIDR" },
    { value: network.clusterDNS, what: "Cluster DNS", field: "network.clusterDNS" },
    { value: lb.subnet, what: "LoadBalancer subnet, advertised over BGP", field: "network.loadBalancer.subnet" },
    ...lb.pools.map((pool, i) => ({ value: pool.cidr, what: `LoadBalancer pool ${pool.name}`, field: `network.loadBalancer.pools[${i}]` })),
    ...Object.entries(lb.fixed).map(([key, address]) => ({
      value: address,
      what: fixedPurpose[key] ?? key,
      field: `network.loadBalancer.fixed.${key}`,
    })),
    { value: `AS ${network.bgp.localASN}`, what: "Local ASN of every node", field: "network.bgp.localASN" },
    ...network.bgp.peers.map((peer, i) => ({
      value: peer.address,
      what: `BGP peer ${peer.name}, AS ${peer.asn}`,
      field: `network.bgp.peers[${i}]`,
    })),
    { value: String(cluster.id), what: "ClusterMesh cluster id", field: "cluster.id" },
    ...(external.nfs ? [{ value: external.nfs.address, what: `NFS server ${external.nfs.name}`, field: "external.nfs.address" }] : []),
  ];
}
