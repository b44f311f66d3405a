import type { FieldPath } from "./finding.js";
import { cidrContains, hostPart } from "./ip.js";
import type { InventoryNode, NetworkInterface, Vlan } from "./types.js";

/** One layer-3 link of a node: an untagged interface or a VLAN on top of it. */
export interface NodeLink {
  readonly interface: NetworkInterface;
  readonly vlan?: Vlan;
  /** Path of the link within the node, e.g. `["network", "interfaces", 0, "vlans", 1]`. */
  readonly path: FieldPath;
  readonly addresses: readonly string[];
}

/** The untagged interfaces and VLANs of a node, in document order. */
export function nodeLinks(node: InventoryNode): NodeLink[] {
  return node.network.interfaces.flatMap((iface, i) => {
    const base: FieldPath = ["network", "interfaces", i];
    return [
      { interface: iface, path: base, addresses: iface.addresses },
      ...iface.vlans.map((vlan, v) => ({ interface: iface, vlan, path: [...base, "vlans", v], addresses: vlan.addresses })),
    ];
  });
}

/** The links whose subnet contains `address` (the links the address is on-link for). */
export function linksReaching(node: InventoryNode, address: string): NodeLink[] {
  return nodeLinks(node).filter((link) => link.addresses.some((cidr) => cidrContains(cidr, address)));
}

/**
 * The link that carries the node's default route: the one link whose subnet contains the default
 * gateway. Validation guarantees there is exactly one.
 */
export function defaultRouteLink(node: InventoryNode): NodeLink {
  const [link] = linksReaching(node, node.network.defaultGateway);
  if (link === undefined) throw new Error(`node ${node.hostname}: no link reaches the default gateway`);
  return link;
}

/**
 * The MTU of the node LAN: the MTU of the untagged link that carries the node IP. The rule
 * consistentMtuPerSubnet guarantees that every node of the subnet agrees, so the first node decides.
 */
export function nodeSubnetMtu(nodes: readonly InventoryNode[]): number {
  const iface = nodes.flatMap((node) => node.network.interfaces).find((candidate) => candidate.addresses.length > 0);
  if (iface === undefined) throw new Error("no node has an untagged address");
  return iface.mtu;
}

/**
 * The node IP: the first untagged address of the node, without prefix. Validation guarantees
 * that it exists and lies in the node subnet.
 */
export function nodeIP(node: InventoryNode): string {
  const first = node.network.interfaces.flatMap((iface) => iface.addresses)[0];
  if (first === undefined) throw new Error(`node ${node.hostname}: no untagged address`);
  return hostPart(first);
}
