import { posix } from "node:path";
import type { Cluster } from "../cluster/index.js";
import { nodeIP, type Inventory } from "../inventory/index.js";
import { layout, relativeDir, repoPath } from "../render/index.js";
import { alertRows } from "./alerts.js";
import { componentRows } from "./components.js";
import { fluxGraphMermaid, type FluxGraph } from "./flux-graph.js";
import { ipPlanRows } from "./ip-plan.js";
import { markdownHeader } from "./markdown.js";
import { mermaidBlock } from "./mermaid.js";
import { nodeRows } from "./nodes.js";
import type { ClusterPage } from "./templates/cluster.js";
import type { EntryPage } from "./templates/entry.js";
import type { ClusterSummary, EstatePage } from "./templates/estate.js";
import { topologyMermaid, type MeshLink, type Topology } from "./topology.js";

/** A cluster as the docs see it; `meshPeers` names the clusters its ClusterMesh connects to. */
export type DocsCluster = Cluster;

/** The clusters' inventories and their mesh links (a pair is linked when either side lists the other). */
export function estateTopology(clusters: readonly DocsCluster[]): Topology {
  const peersOf = (cluster: DocsCluster): readonly string[] => cluster.meshPeers;
  const meshLinks: MeshLink[] = [];
  clusters.forEach((a, i) => {
    for (const b of clusters.slice(i + 1)) {
      if (peersOf(a).includes(b.name) || peersOf(b).includes(a.name)) meshLinks.push([a.name, b.name]);
    }
  });
  return { inventories: clusters.map((c) => c.inventory), meshLinks };
}

/** Where the documentation goes inside the output root. */
export const docsLayout = {
  index: "docs/README.md",
  cluster: (cluster: string) => `docs/${cluster}.md`,
  entry: (cluster: string) => `${layout.clusterEntry(cluster)}/README.md`,
} as const;

/** A relative Markdown link from one output file to another output path. */
const link = (fromFile: string, to: string): string => posix.relative(posix.dirname(fromFile), to);

const endpointOf = (inventory: Inventory): string => `${inventory.cluster.endpoint.host}:${inventory.cluster.endpoint.port}`;

/** The view of `docs/<cluster>.md`. */
export function clusterPage(cluster: Cluster, graph: FluxGraph, topology: Topology, gitPath: string): ClusterPage {
  const { inventory, name } = cluster;
  const identity = inventory.cluster;
  const entry = layout.clusterEntry(name);
  const components = componentRows(cluster);
  return {
    header: markdownHeader(`cluster ${name}`),
    name,
    entryPath: `${entry}/`,
    entryLink: `${link(docsLayout.cluster(name), entry)}/`,
    endpoint: endpointOf(inventory),
    vip: identity.endpoint.vip,
    talosVersion: identity.talosVersion,
    kubernetesVersion: identity.kubernetesVersion,
    internalDomain: identity.domains.internal,
    externalDomain: identity.domains.external,
    gitUrl: identity.git.url,
    gitBranch: identity.git.branch,
    syncPath: repoPath(gitPath, entry),
    meshId: identity.id,
    nodes: nodeRows(inventory),
    ipPlan: ipPlanRows(inventory),
    topology: mermaidBlock(topologyMermaid(topology, name)),
    componentCount: cluster.components.length,
    releaseCount: components.filter((row) => row.release !== "").length,
    components,
    kustomizationCount: graph.nodes.length,
    fluxGraph: mermaidBlock(fluxGraphMermaid(graph)),
    alerts: alertRows(cluster),
  };
}

/** The view of `kubernetes/clusters/<cluster>/README.md`. */
export function entryPage(cluster: Cluster, graph: FluxGraph, gitPath: string): EntryPage {
  const { inventory, name } = cluster;
  const entry = layout.clusterEntry(name);
  const areas = [...new Set(cluster.components.map((c) => c.area))].sort();
  return {
    header: markdownHeader(`cluster ${name}`),
    name,
    syncPath: repoPath(gitPath, entry),
    gitUrl: inventory.cluster.git.url,
    gitBranch: inventory.cluster.git.branch,
    namespaceCount: new Set(cluster.components.map((c) => c.namespace)).size,
    areas: areas.map((area) => relativeDir(entry, layout.area(name, area))),
    kustomizationCount: graph.nodes.length,
    componentCount: cluster.components.length,
    docsPath: docsLayout.cluster(name),
    docsLink: link(docsLayout.entry(name), docsLayout.cluster(name)),
  };
}

/** The view of `docs/README.md`. */
export function estatePage(clusters: readonly { readonly cluster: Cluster; readonly graph: FluxGraph }[], topology: Topology): EstatePage {
  const summaries: ClusterSummary[] = clusters.map(({ cluster, graph }) => {
    const { inventory, name } = cluster;
    return {
      name,
      link: link(docsLayout.index, docsLayout.cluster(name)),
      meshId: inventory.cluster.id,
      endpoint: endpointOf(inventory),
      nodeCount: inventory.nodes.length,
      nodeIPs: inventory.nodes.map((node) => nodeIP(node)).join(", "),
      podCIDR: inventory.network.podCIDR,
      serviceCIDR: inventory.network.serviceCIDR,
      lbSubnet: inventory.network.loadBalancer.subnet,
      asn: inventory.network.bgp.localASN,
      componentCount: cluster.components.length,
      kustomizationCount: graph.nodes.length,
    };
  });
  return {
    header: markdownHeader(`clusters ${clusters.map(({ cluster }) => cluster.name).join(", ")}`),
    clusters: summaries,
    topology: mermaidBlock(topologyMermaid(topology)),
  };
}
