import type { Inventory } from "../inventory/index.js";
import { nodeIP } from "../inventory/index.js";
import { mermaidIds, mermaidLabel } from "./mermaid.js";

/** Two clusters whose Cilium agents connect to each other's clustermesh-apiserver. */
export type MeshLink = readonly [string, string];

/** What the topology diagram shows: the clusters (inventories) and which of them are meshed. */
export interface Topology {
  readonly inventories: readonly Inventory[];
  /** Each pair once, by cluster name. */
  readonly meshLinks: readonly MeshLink[];
}

const routerKey = (peer: Inventory["network"]["bgp"]["peers"][number]): string => `${peer.name}/${peer.address}/${peer.asn}`;

/**
 * The BGP and ClusterMesh topology as a Mermaid flowchart: each cluster with its nodes, its
 * LoadBalancer pools and its clustermesh-apiserver; every node peers with each BGP neighbour of
 * its cluster and the pools' addresses are advertised to them; mesh links join API servers.
 *
 * @param focus name of one cluster to draw in detail; the clusters meshed with it then appear
 *   only as the API servers it connects to, the others not at all. @default every cluster in detail
 */
export function topologyMermaid(topology: Topology, focus?: string): string[] {
  const id = mermaidIds();
  const links = topology.meshLinks.filter(([a, b]) => focus === undefined || a === focus || b === focus);
  const detailed = topology.inventories.filter((inv) => focus === undefined || inv.cluster.name === focus);
  const meshed = new Set(links.flat());
  const remote = topology.inventories.filter((inv) => !detailed.includes(inv) && meshed.has(inv.cluster.name));
  const lines = ["flowchart TB"];

  for (const inv of detailed) {
    const name = inv.cluster.name;
    const { bgp, loadBalancer } = inv.network;
    lines.push(`  subgraph ${id("cluster", name)}[${mermaidLabel(`cluster ${name} · AS ${bgp.localASN} · mesh id ${inv.cluster.id}`)}]`);
    for (const node of inv.nodes) {
      lines.push(`    ${id("node", `${name}/${node.hostname}`)}[${mermaidLabel(node.hostname, `${nodeIP(node)} · ${node.role}`)}]`);
    }
    const pools = loadBalancer.pools.map((pool) => `pool ${pool.name} ${pool.cidr}`);
    lines.push(`    ${id("pool", name)}[${mermaidLabel(`LoadBalancer ${loadBalancer.subnet}`, ...pools)}]`);
    lines.push(`    ${id("mesh", name)}[${mermaidLabel("clustermesh-apiserver", loadBalancer.fixed.clustermeshApiServer)}]`);
    lines.push("  end");
  }
  for (const inv of remote) {
    const label = mermaidLabel(`cluster ${inv.cluster.name} · mesh id ${inv.cluster.id}`, "clustermesh-apiserver", inv.network.loadBalancer.fixed.clustermeshApiServer);
    lines.push(`  ${id("mesh", inv.cluster.name)}[${label}]`);
  }

  const routers = new Map(detailed.flatMap((inv) => inv.network.bgp.peers.map((peer) => [routerKey(peer), peer] as const)));
  for (const [key, peer] of routers) lines.push(`  ${id("router", key)}[${mermaidLabel(peer.name, `${peer.address} · AS ${peer.asn}`)}]`);

  for (const inv of detailed) {
    const name = inv.cluster.name;
    for (const peer of inv.network.bgp.peers) {
      for (const node of inv.nodes) lines.push(`  ${id("node", `${name}/${node.hostname}`)} <-->|"eBGP"| ${id("router", routerKey(peer))}`);
      lines.push(`  ${id("pool", name)} -.->|"LoadBalancer IPs advertised"| ${id("router", routerKey(peer))}`);
    }
  }
  for (const [a, b] of links) lines.push(`  ${id("mesh", a)} <-->|"ClusterMesh"| ${id("mesh", b)}`);
  return lines;
}
