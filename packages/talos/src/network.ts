import { UserError, showValue } from "@k8s-gitops/core/errors";
import {
  defaultRouteLink,
  linksReaching,
  type Bond,
  type Inventory,
  type InventoryNode,
  type NetworkInterface,
  type NicSelector,
  type NodeLink,
  type Vlan,
} from "@k8s-gitops/core";
import type { TalosDocument } from "./types.js";

const maxLinkName = 15; // IFNAMSIZ - 1

const doc = (kind: string, fields: Record<string, unknown>): TalosDocument => ({ apiVersion: "v1alpha1", kind, ...fields });

function nodeField(inventory: Inventory, node: InventoryNode, path: string): string {
  return `inventory of cluster ${inventory.cluster.name}: nodes[${inventory.nodes.indexOf(node)}].${path}`;
}

function checkedLinkName(inventory: Inventory, node: InventoryNode, path: string, name: string): string {
  if (name.length > maxLinkName) {
    throw new UserError(
      `${nodeField(inventory, node, path)}: derived link name ${showValue(name)} is longer than ${maxLinkName} characters ` +
        "(expected a shorter interface name)",
    );
  }
  return name;
}

/** Talos link name of a VLAN: `<parent>.<id>`, as `ip link` names VLANs. */
export function vlanLinkName(iface: NetworkInterface, vlan: Vlan): string {
  return `${iface.name}.${vlan.id}`;
}

/** Talos link alias of the n-th member NIC of a bond. */
export function bondMemberName(iface: NetworkInterface, index: number): string {
  return `${iface.name}-port${index}`;
}

/** The Talos link name carrying a node link: the interface (alias or bond) or its VLAN. */
export function talosLinkName(link: NodeLink): string {
  return link.vlan === undefined ? link.interface.name : vlanLinkName(link.interface, link.vlan);
}

/**
 * CEL selector of one physical NIC. The permanent MAC is used because a bond rewrites the
 * current MAC of its members.
 */
export function linkSelectorMatch(selector: NicSelector): string {
  const terms = [
    selector.mac === undefined ? undefined : `mac(link.permanent_addr) == "${selector.mac}"`,
    selector.busPath === undefined ? undefined : `link.bus_path == "${selector.busPath}"`,
    selector.driver === undefined ? undefined : `link.driver == "${selector.driver}"`,
  ];
  return terms.filter((term) => term !== undefined).join(" && ");
}

// LACP with fast rate notices a dead member within 3 s instead of 90 s; layer3+4 hashing spreads
// flows of different connections (Ceph, pods) over all members; miimon detects carrier loss.
function bondTuning(bond: Bond): Record<string, unknown> {
  return bond.mode === "802.3ad" ? { miimon: 100, lacpRate: "fast", xmitHashPolicy: "layer3+4" } : { miimon: 100 };
}

/** `HostnameConfig`: `auto: off` so it wins over the `auto: stable` document `talosctl gen config` emits. */
export function hostnameDocument(node: InventoryNode): TalosDocument {
  return doc("HostnameConfig", { auto: "off", hostname: node.hostname });
}

/** `ResolverConfig` with the cluster's DNS servers, in order. */
export function resolverDocument(inventory: Inventory): TalosDocument {
  return doc("ResolverConfig", { nameservers: inventory.network.dns.map((address) => ({ address })) });
}

/** `TimeSyncConfig` with the cluster's NTP servers. */
export function timeSyncDocument(inventory: Inventory): TalosDocument {
  return doc("TimeSyncConfig", { ntp: { servers: [...inventory.network.ntp] } });
}

const sameLink = (a: NodeLink, b: NodeLink): boolean => a.path.join(".") === b.path.join(".");

/** The untagged link of an interface and the links of its VLANs. */
function linksOf(iface: NetworkInterface, index: number): { untagged: NodeLink; vlans: { vlan: Vlan; link: NodeLink }[] } {
  const path = ["network", "interfaces", index];
  return {
    untagged: { interface: iface, path, addresses: iface.addresses },
    vlans: iface.vlans.map((vlan, v) => ({ vlan, link: { interface: iface, vlan, path: [...path, "vlans", v], addresses: vlan.addresses } })),
  };
}

function linkSettings(node: InventoryNode, link: NodeLink, mtu: number): Record<string, unknown> {
  return {
    up: true,
    mtu,
    ...(link.addresses.length > 0 ? { addresses: link.addresses.map((address) => ({ address })) } : {}),
    // A route without destination is the default route of the gateway's address family.
    ...(sameLink(defaultRouteLink(node), link) ? { routes: [{ gateway: node.network.defaultGateway }] } : {}),
  };
}

/** The link the API VIP lives on; validation of the inventory does not tie the VIP to a link. */
export function vipLink(inventory: Inventory, node: InventoryNode): NodeLink {
  const [link, ...others] = linksReaching(node, inventory.cluster.endpoint.vip);
  if (link === undefined || others.length > 0) {
    throw new UserError(
      `${nodeField(inventory, node, "network.interfaces")}: ${others.length > 0 ? "several links" : "no link"} ` +
        `of control plane ${showValue(node.hostname)} ${others.length > 0 ? "reach" : "reaches"} the API VIP ` +
        `${showValue(inventory.cluster.endpoint.vip)} ` +
        "(expected exactly one interface or VLAN whose subnet contains the VIP)",
    );
  }
  return link;
}

function interfaceDocuments(inventory: Inventory, node: InventoryNode, iface: NetworkInterface, index: number): TalosDocument[] {
  const path = `network.interfaces[${index}]`;
  const { untagged, vlans } = linksOf(iface, index);
  const documents: TalosDocument[] = [];
  if (iface.select !== undefined) {
    documents.push(doc("LinkAliasConfig", { name: iface.name, selector: { match: linkSelectorMatch(iface.select) } }));
    documents.push(doc("LinkConfig", { name: iface.name, ...linkSettings(node, untagged, iface.mtu) }));
  } else if (iface.bond !== undefined) {
    const members = iface.bond.members.map((member, m) => {
      const name = checkedLinkName(inventory, node, `${path}.name`, bondMemberName(iface, m));
      documents.push(doc("LinkAliasConfig", { name, selector: { match: linkSelectorMatch(member) } }));
      return name;
    });
    documents.push(
      doc("BondConfig", {
        name: iface.name,
        links: members,
        bondMode: iface.bond.mode,
        ...bondTuning(iface.bond),
        ...linkSettings(node, untagged, iface.mtu),
      }),
    );
  }
  vlans.forEach(({ vlan, link }, v) => {
    documents.push(
      doc("VLANConfig", {
        name: checkedLinkName(inventory, node, `${path}.vlans[${v}].id`, vlanLinkName(iface, vlan)),
        parent: iface.name,
        vlanID: vlan.id,
        ...linkSettings(node, link, vlan.mtu),
      }),
    );
  });
  return documents;
}

/**
 * The multi-doc network configuration of a node (Talos v1.12+): hostname, one link alias per
 * physical NIC (selected by MAC, bus path or driver, so kernel names never matter), link, bond and
 * VLAN documents with static addresses, the default route, and the API VIP on control planes.
 */
export function networkDocuments(inventory: Inventory, node: InventoryNode): TalosDocument[] {
  const documents = [hostnameDocument(node), ...node.network.interfaces.flatMap((iface, i) => interfaceDocuments(inventory, node, iface, i))];
  if (node.role === "controlplane") {
    documents.push(doc("Layer2VIPConfig", { name: inventory.cluster.endpoint.vip, link: talosLinkName(vipLink(inventory, node)) }));
  }
  return documents;
}

function legacySelector(selector: NicSelector, macField: "hardwareAddr" | "permanentAddr"): Record<string, unknown> {
  return {
    ...(selector.mac === undefined ? {} : { [macField]: selector.mac }),
    ...(selector.busPath === undefined ? {} : { busPath: selector.busPath }),
    ...(selector.driver === undefined ? {} : { driver: selector.driver }),
  };
}

function legacyLinkSettings(inventory: Inventory, node: InventoryNode, link: NodeLink, mtu: number): Record<string, unknown> {
  const onVip = node.role === "controlplane" && sameLink(vipLink(inventory, node), link);
  return {
    mtu,
    dhcp: false,
    addresses: [...link.addresses],
    ...(sameLink(defaultRouteLink(node), link) ? { routes: [{ network: "0.0.0.0/0", gateway: node.network.defaultGateway }] } : {}),
    ...(onVip ? { vip: { ip: inventory.cluster.endpoint.vip } } : {}),
  };
}

/**
 * The node's part of the legacy `machine.network` (Talos < v1.12): hostname and interfaces with
 * device selectors, bonds, VLANs, the default route and the VIP.
 */
export function legacyNodeNetwork(inventory: Inventory, node: InventoryNode): Record<string, unknown> {
  const interfaces = node.network.interfaces.map((iface, index) => {
    const { untagged, vlans } = linksOf(iface, index);
    const selection =
      iface.bond === undefined
        ? { deviceSelector: legacySelector(iface.select ?? {}, "hardwareAddr") }
        : {
            interface: iface.name,
            bond: {
              mode: iface.bond.mode,
              // Permanent MACs: the bond rewrites the current MAC of its members.
              deviceSelectors: iface.bond.members.map((member) => legacySelector(member, "permanentAddr")),
              ...bondTuning(iface.bond),
            },
          };
    return {
      ...selection,
      ...legacyLinkSettings(inventory, node, untagged, iface.mtu),
      ...(vlans.length > 0
        ? { vlans: vlans.map(({ vlan, link }) => ({ vlanId: vlan.id, ...legacyLinkSettings(inventory, node, link, vlan.mtu) })) }
        : {}),
    };
  });
  return { hostname: node.hostname, interfaces };
}
