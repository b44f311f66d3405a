import { showValue } from "../../errors/index.js";
import { formatPath, type FieldPath, type FieldRef, type Finding } from "../finding.js";
import {
  broadcastAddress,
  cidrContains,
  firstHostAddress,
  hostPart,
  isIPv4,
  networkAddress,
  prefixLength,
} from "../ip.js";
import { linksReaching, nodeLinks } from "../node-network.js";
import type { Inventory } from "../types.js";
import { perCluster, type ClusterFinding, type Rule } from "./rule.js";

/**
 * An address written somewhere in an inventory. Owned addresses (node IPs, VIPs, LoadBalancer
 * IPs) belong to exactly one place; shared ones (router, NFS, resolvers) are other machines on
 * the LAN that several fields and clusters may name, but no owned address may take them.
 */
interface AddressUse {
  readonly ref: FieldRef;
  readonly address: string;
  readonly written: string;
  readonly label: string;
  readonly shared: boolean;
}

function addressUses(source: number, inventory: Inventory): AddressUse[] {
  const use = (path: FieldPath, written: string, label: string, shared: boolean): AddressUse => ({
    ref: { source, path },
    address: written.includes("/") ? hostPart(written) : written,
    written,
    label,
    shared,
  });
  const { cluster, nodes, network, external } = inventory;
  return [
    use(["cluster", "endpoint", "vip"], cluster.endpoint.vip, "control-plane VIP", false),
    ...nodes.flatMap((node, n) => [
      ...nodeLinks(node).flatMap((link) =>
        link.addresses.map((a, i) => use(["nodes", n, ...link.path, "addresses", i], a, "node address", false)),
      ),
      use(["nodes", n, "network", "defaultGateway"], node.network.defaultGateway, "default gateway", true),
    ]),
    use(["network", "gateway"], network.gateway, "gateway", true),
    ...network.dns.map((a, i) => use(["network", "dns", i], a, "DNS server", true)),
    ...network.ntp.flatMap((a, i) => (isIPv4(a) ? [use(["network", "ntp", i], a, "NTP server", true)] : [])),
    ...network.bgp.peers.map((p, i) => use(["network", "bgp", "peers", i, "address"], p.address, "BGP peer", true)),
    ...Object.entries(network.loadBalancer.fixed).map(([name, a]) =>
      use(["network", "loadBalancer", "fixed", name], a, "LoadBalancer fixed IP", false),
    ),
    ...(external.nfs === undefined ? [] : [use(["external", "nfs", "address"], external.nfs.address, "NFS server", true)]),
  ];
}

/**
 * No address may be owned twice, nor be owned and also name another machine. The owned use is
 * the one reported, since the shared machines exist regardless of the inventory.
 */
export const noAddressCollisions: Rule = (clusters) => {
  const uses = clusters.flatMap(({ source, inventory }) => addressUses(source, inventory));
  const seen = new Map<string, AddressUse>();
  const findings: Finding[] = [];
  // Shared uses first, so an owned address that takes a shared one points at the shared machine.
  for (const use of [...uses.filter((u) => u.shared), ...uses.filter((u) => !u.shared)]) {
    const earlier = seen.get(use.address);
    if (earlier === undefined) seen.set(use.address, use);
    else if (!use.shared) {
      findings.push({ ...use.ref, message: `${showValue(use.written)} collides with the ${earlier.label}`, related: earlier.ref });
    }
  }
  return findings;
};

/** Checks that a host address lies in a subnet and is neither its network nor broadcast address. */
function hostInSubnet(path: FieldPath, written: string, subnet: string, subnetName: string): ClusterFinding[] {
  const address = written.includes("/") ? hostPart(written) : written;
  const value = showValue(written);
  if (!cidrContains(subnet, address)) return [{ path, message: `${value} is outside the ${subnetName} ${subnet}` }];
  if (prefixLength(subnet) <= 30) {
    if (address === networkAddress(subnet)) {
      return [{ path, message: `${value} is the network address of the ${subnetName} ${subnet}` }];
    }
    if (address === broadcastAddress(subnet)) {
      return [{ path, message: `${value} is the broadcast address of the ${subnetName} ${subnet}` }];
    }
  }
  return [];
}

/** VIP, gateway and untagged node addresses live in the node subnet, with its prefix length. */
export const addressesInNodeSubnet: Rule = perCluster(({ cluster, nodes, network }) => {
  const subnet = network.nodeSubnet;
  return [
    ...hostInSubnet(["cluster", "endpoint", "vip"], cluster.endpoint.vip, subnet, "node subnet"),
    ...hostInSubnet(["network", "gateway"], network.gateway, subnet, "node subnet"),
    ...nodes.flatMap((node, n) =>
      node.network.interfaces.flatMap((iface, i) =>
        iface.addresses.flatMap((written, a): ClusterFinding[] => {
          const path = ["nodes", n, "network", "interfaces", i, "addresses", a];
          const outside = hostInSubnet(path, written, subnet, "node subnet");
          if (outside.length > 0) return outside;
          if (prefixLength(written) === prefixLength(subnet)) return [];
          const expected = `${hostPart(written)}/${prefixLength(subnet)}`;
          return [{ path, message: `${showValue(written)} has a different prefix than the node subnet ${subnet} (expected ${expected})` }];
        }),
      ),
    ),
  ];
});

/** Every node needs a node IP: an untagged address (VLAN addresses belong to other networks). */
export const nodeHasNodeAddress: Rule = perCluster(({ nodes, network }) =>
  nodes.flatMap((node, n) =>
    node.network.interfaces.some((iface) => iface.addresses.length > 0)
      ? []
      : [
          {
            path: ["nodes", n, "network", "interfaces"],
            message: `no interface has an untagged address (expected one address in the node subnet ${network.nodeSubnet}, the node IP)`,
          },
        ],
  ),
);

/** Exactly one link of each node must reach the default gateway, so the default route is unambiguous. */
export const defaultGatewayOnOneLink: Rule = perCluster(({ nodes }) =>
  nodes.flatMap((node, n): ClusterFinding[] => {
    const path = ["nodes", n, "network", "defaultGateway"];
    const gateway = node.network.defaultGateway;
    const links = linksReaching(node, gateway);
    if (links.length === 1) return [];
    if (links.length === 0) {
      return [{ path, message: `${showValue(gateway)} is not in the subnet of any address of the node (expected the gateway of one of its links)` }];
    }
    const names = links.map((link) => formatPath(link.path)).join(", ");
    return [{ path, message: `${showValue(gateway)} is reachable through several links (${names}); expected exactly one to carry the default route` }];
  }),
);

/** Fixed LoadBalancer addresses must come from a pool, or Cilium would never assign them. */
export const fixedIPsInPools: Rule = perCluster(({ network }) => {
  const { pools, fixed } = network.loadBalancer;
  return Object.entries(fixed).flatMap(([name, address]): ClusterFinding[] =>
    pools.some((pool) => cidrContains(pool.cidr, address))
      ? []
      : [
          {
            path: ["network", "loadBalancer", "fixed", name],
            message: `${showValue(address)} is outside every LoadBalancer pool (${pools.map((p) => `${p.name} ${p.cidr}`).join(", ")})`,
          },
        ],
  );
});

/** The cluster DNS address is a ClusterIP; the first service address belongs to the kubernetes Service. */
export const clusterDnsInServiceCidr: Rule = perCluster(({ network }) => {
  const { clusterDNS, serviceCIDR } = network;
  const path = ["network", "clusterDNS"];
  const inSubnet = hostInSubnet(path, clusterDNS, serviceCIDR, "service CIDR");
  if (inSubnet.length > 0) return inSubnet;
  if (clusterDNS === firstHostAddress(serviceCIDR)) {
    return [{ path, message: `${showValue(clusterDNS)} is reserved for the kubernetes API Service (expected another address in ${serviceCIDR}, conventionally .10)` }];
  }
  return [];
});
