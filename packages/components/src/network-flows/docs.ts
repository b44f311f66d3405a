import { clusterScope, type GeneratedFile } from "@k8s-gitops/core";
import { markdownCell, markdownCode, markdownHeader, mermaidBlock, mermaidIds, mermaidLabel } from "@k8s-gitops/core/docs";
import { flowKey, isEntity, type Flow, type FlowPeer, type FlowPort } from "./model.js";

/** Where a cluster's flows page goes, next to `docs/<cluster>.md`. */
export function flowsDocPath(cluster: string): string {
  return `docs/${cluster}-network-flows.md`;
}

function peerText(peer: FlowPeer, cluster: string): string {
  const where = peer.cluster === cluster ? "" : `${peer.cluster}: `;
  return isEntity(peer) ? `${where}${peer.entity} (entity)` : `${where}${peer.namespace}/${peer.name}${peer.hostNetwork ? " (host network)" : ""}`;
}

function portText(port: FlowPort): string {
  const l4 = `${port.port}${port.endPort ? `-${port.endPort}` : ""}/${port.protocol ?? "TCP"}`;
  return port.http ? `${l4} ${port.http.map((h) => `${h.method} ${h.path}`).join(", ")}` : l4;
}

/** A namespace (or an entity) as one node of the graph, with its cluster when it is not this one. */
function nodeKey(peer: FlowPeer, cluster: string): string {
  const where = peer.cluster === cluster ? "" : `${peer.cluster}/`;
  return isEntity(peer) ? `${where}${peer.entity} (entity)` : `${where}${peer.namespace}`;
}

export interface FlowsDocOptions {
  /** Whether the cluster runs Cilium in policy audit mode (verdicts logged, nothing dropped). */
  readonly auditMode: boolean;
}

/**
 * The page of one cluster's allowed flows: a table of every flow with an end on the cluster
 * (owner, source, destination, ports and L7 rules, the Service dialled, why) and a Mermaid graph
 * of the namespaces they connect, one edge per namespace pair with its ports.
 */
export function flowsDoc(cluster: string, flows: readonly Flow[], options: FlowsDocOptions): GeneratedFile {
  const own = flows.filter((f) => f.from.cluster === cluster || f.to.cluster === cluster).sort((a, b) => a.owner.localeCompare(b.owner) || flowKey(a).localeCompare(flowKey(b)));
  const rows = own.map(
    (f) =>
      `| ${markdownCell(f.owner)} | ${markdownCode(peerText(f.from, cluster))} | ${markdownCode(peerText(f.to, cluster))} | ${markdownCode(f.ports.map(portText).join("; "))} | ${f.service ? markdownCode(f.service) : ""} | ${markdownCell(f.reason)} |`,
  );
  const id = mermaidIds();
  const nodes = new Map<string, string>();
  const edges = new Map<string, Set<string>>();
  for (const f of own) {
    const from = nodeKey(f.from, cluster);
    const to = nodeKey(f.to, cluster);
    nodes.set(from, from);
    nodes.set(to, to);
    const key = `${from}\u0000${to}`;
    edges.set(key, new Set([...(edges.get(key) ?? []), ...f.ports.map((p) => String(p.port))]));
  }
  const graph = [
    "flowchart LR",
    ...[...nodes.keys()].sort().map((key) => `  ${id("group", key)}[${mermaidLabel(key)}]`),
    ...[...edges]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, ports]) => {
        const [from, to] = key.split("\u0000") as [string, string];
        return `  ${id("group", from)} -->|${mermaidLabel([...ports].sort((a, b) => Number(a) - Number(b)).join(", "))}| ${id("group", to)}`;
      }),
  ];
  const content = [
    markdownHeader(`the network flows of cluster ${cluster}`),
    `# Network flows of cluster ${cluster}`,
    "",
    `Every namespace the cluster creates, \`kube-system\` included, has \`flows-default-deny\` (both directions; only DNS at kube-dns, the API server, kubelet probes from the host and webhook calls from the API server stay open; pods of the same namespace do not reach each other unless a flow says so) and the allow policies below, one \`flows-ingress-<workload>\` and one \`flows-egress-<workload>\` per workload. Host-network workloads (marked *host network*) are outside CiliumNetworkPolicy: their flows are rules at the pod end only, naming the nodes. ${own.length} flows have an end on this cluster.`,
    "",
    options.auditMode
      ? "**Policy audit mode is on**: Cilium computes every verdict and logs drops as `AUDIT` in Hubble without dropping. Rollout: watch `hubble observe --verdict AUDIT` until only expected traffic shows, declare the missing flows, then switch the cluster to enforcing (`policyAuditMode` in `packages/clusters/src/platform.ts`)."
      : "Policy audit mode is off: the policies are enforced.",
    "",
    "## Allowed flows",
    "",
    "| Owner | From | To | Ports | Service | Why |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    "## Namespaces",
    "",
    mermaidBlock(graph),
    "",
  ].join("\n");
  return { path: flowsDocPath(cluster), content, scope: clusterScope(cluster) };
}
