import { readFileSync } from "node:fs";
import { parseInventories, type Cluster, type Inventory, type InventoryNode, type NicSelector } from "@k8s-gitops/core";
import { appsCluster, appsNeeds } from "./apps.js";
import { fleetAddressPlan, maxFleetSize, relocate, type Relocation } from "./fleet-plan.js";
import { infraCluster } from "./infra.js";
import { inventoryPaths } from "./inventory.js";

export { fleetAddressPlan, maxFleetSize, type FleetAddressPlan } from "./fleet-plan.js";

/**
 * The inventories a fleet is derived from: every infra-type cluster is a copy of `infra`, every
 * apps-type cluster a copy of `apps`, with identity and addresses of its own.
 */
export interface FleetTemplates {
  readonly infra: Inventory;
  readonly apps: Inventory;
}

export type FleetRole = keyof FleetTemplates;

/** Role of the i-th fleet cluster (0-based): pairs of infra then apps, an odd last one is infra. */
export const fleetRole = (index: number): FleetRole => (index % 2 === 0 ? "infra" : "apps");

/** Name of the i-th fleet cluster (0-based), e.g. infra-001 and apps-001 for the first pair. */
export const fleetClusterName = (index: number): string => `${fleetRole(index)}-${String(Math.floor(index / 2) + 1).padStart(3, "0")}`;

/** The real infra and apps inventories; the only file access of the fleet. */
function readRealTemplates(): FleetTemplates {
  const [infra, apps] = parseInventories(inventoryPaths.map((path) => ({ path, text: readFileSync(path, "utf8") })));
  if (!infra || !apps) throw new Error(`expected the infra and apps inventories in ${inventoryPaths.join(", ")}`);
  return { infra, apps };
}

const hex = (n: number): string => n.toString(16).padStart(2, "0");

/** Locally administered MAC addresses (02:…), unique per cluster, node and NIC. */
function renumberNics(node: InventoryNode, id: number, n: number): InventoryNode["network"]["interfaces"] {
  let nic = 0;
  const mac = (selector: NicSelector): NicSelector =>
    selector.mac === undefined ? selector : { ...selector, mac: `02:00:${hex(id)}:${hex(n)}:00:${hex(++nic)}` };
  return node.network.interfaces.map((iface) => ({
    ...iface,
    ...(iface.select ? { select: mac(iface.select) } : {}),
    ...(iface.bond ? { bond: { ...iface.bond, members: iface.bond.members.map(mac) } } : {}),
  }));
}

function fleetNode(node: InventoryNode, n: number, name: string, id: number, move: (a: string) => string): InventoryNode {
  const suffix = `-f${String(id).padStart(3, "0")}`;
  const { install, ceph, local } = node.disks;
  const selector = install.selector;
  return {
    ...node,
    hostname: `${name}-${String(n + 1).padStart(2, "0")}`,
    network: {
      interfaces: renumberNics(node, id, n + 1).map((iface) => ({ ...iface, addresses: iface.addresses.map(move) })),
      defaultGateway: move(node.network.defaultGateway),
    },
    disks: {
      install: {
        ...install,
        selector: {
          ...selector,
          ...(selector.serial === undefined ? {} : { serial: selector.serial + suffix }),
          ...(selector.wwid === undefined ? {} : { wwid: selector.wwid + suffix }),
        },
      },
      ...(ceph ? { ceph: { ...ceph, id: ceph.id + suffix } } : {}),
      ...(local ? { local: { ...local, id: local.id + suffix } } : {}),
    },
  };
}

/** The i-th fleet cluster: its template with a name, ClusterMesh id, domains, hosts and ranges of its own. */
function fleetInventory(template: Inventory, index: number): Inventory {
  const id = index + 1;
  const name = fleetClusterName(index);
  const plan = fleetAddressPlan(id);
  const { cluster, network, external } = template;
  const relocations: Relocation[] = [
    { from: network.nodeSubnet, to: plan.nodeSubnet },
    { from: network.loadBalancer.subnet, to: plan.loadBalancerSubnet },
    { from: network.podCIDR, to: plan.podCIDR },
    { from: network.serviceCIDR, to: plan.serviceCIDR },
  ];
  const move = (address: string): string => relocate(address, relocations);
  const zone = external.dnsProvider.zone;
  const pair = `p${String(Math.floor(index / 2) + 1).padStart(3, "0")}`;
  return {
    cluster: {
      ...cluster,
      name,
      id,
      endpoint: { ...cluster.endpoint, host: `api.${name}.k8s.${zone}`, vip: move(cluster.endpoint.vip) },
      domains: { internal: `${name}.lab.${zone}`, external: `${name}.${zone}` },
    },
    nodes: template.nodes.map((node, n) => fleetNode(node, n, name, id, move)),
    network: {
      ...network,
      nodeSubnet: plan.nodeSubnet,
      gateway: move(network.gateway),
      dns: network.dns.map(move),
      podCIDR: plan.podCIDR,
      serviceCIDR: plan.serviceCIDR,
      clusterDNS: move(network.clusterDNS),
      bgp: { ...network.bgp, localASN: plan.localASN, peers: network.bgp.peers.map((peer) => ({ ...peer, address: move(peer.address) })) },
      loadBalancer: {
        subnet: plan.loadBalancerSubnet,
        pools: network.loadBalancer.pools.map((pool) => ({ ...pool, cidr: move(pool.cidr) })),
        fixed: {
          internalGateway: move(network.loadBalancer.fixed.internalGateway),
          externalGateway: move(network.loadBalancer.fixed.externalGateway),
          clustermeshApiServer: move(network.loadBalancer.fixed.clustermeshApiServer),
        },
      },
    },
    external: {
      ...external,
      ...(external.nfs ? { nfs: { ...external.nfs, address: move(external.nfs.address) } } : {}),
      onepassword: {
        ...external.onepassword,
        vault: `kubernetes-${name}`,
        ...(external.onepassword.sharedVault === undefined ? {} : { sharedVault: `${external.onepassword.sharedVault}-${pair}` }),
      },
    },
  };
}

/**
 * The inventories of a synthetic fleet of `n` clusters for benchmarks: pairs of an infra-type
 * and an apps-type cluster derived from the real inventories (`infra-001`, `apps-001`, ...), an
 * odd last one infra-type. Every inventory goes through the same parser and cross-cluster rules
 * as the real ones (as JSON text, which is YAML), so the whole fleet is one valid estate.
 * @param templates @default the real infra and apps inventories
 * @throws RangeError when n is not in 1..255 (ClusterMesh ids); UserError when the parser
 *   rejects the fleet, which is a bug of the fleet plan.
 */
export function fleetInventories(n: number, templates: FleetTemplates = readRealTemplates()): Inventory[] {
  if (!Number.isInteger(n) || n < 1 || n > maxFleetSize) throw new RangeError(`fleet size ${n} is outside 1..${maxFleetSize}`);
  const sources = Array.from({ length: n }, (_, index) => ({
    path: `fleet/${fleetClusterName(index)}.yaml`,
    text: `${JSON.stringify(fleetInventory(templates[fleetRole(index)], index), null, 2)}\n`,
  }));
  return parseInventories(sources);
}

/**
 * Builds a fleet like the real estate, pair by pair: the infra-type cluster first, provisioning
 * what its apps-type partner needs, then the partner from its exports. Each pair sees only its
 * own two inventories, so its ClusterMesh peers are exactly its partner.
 * @param inventories in the order of {@link fleetInventories}: infra, apps, infra, apps, ...
 */
export function buildFleet(inventories: readonly Inventory[]): Cluster[] {
  const clusters: Cluster[] = [];
  for (let i = 0; i < inventories.length; i += 2) {
    const infra = inventories[i]!;
    const apps = inventories[i + 1];
    const mesh = apps ? [infra, apps] : [infra];
    if (!apps) {
      clusters.push(infraCluster({ inventory: infra, inventories: mesh }));
      continue;
    }
    const appsContext = { inventory: apps, inventories: mesh };
    const built = infraCluster({ inventory: infra, inventories: mesh }, appsNeeds(appsContext));
    clusters.push(built, appsCluster(appsContext, built.exports));
  }
  return clusters;
}
