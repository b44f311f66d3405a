import { kustomizationNamespaceOf, stageKustomizationName } from "../component/index.js";
import { resolveDependencies, type ClusterDefinition } from "../render/index.js";
import { stageKey } from "../render/graph.js";
import { mermaidIds, mermaidLabel } from "./mermaid.js";

/** One Flux Kustomization of a cluster: one stage of one component. */
export interface FluxGraphNode {
  /** `namespace/name` of the Flux Kustomization, unique in the cluster. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly component: string;
  readonly stage: string;
  /** `area/category`, the folder the component lives in. */
  readonly group: string;
}

/** `kustomization` lists `dependsOn` in its `spec.dependsOn` (both as `namespace/name`). */
export interface FluxGraphEdge {
  readonly kustomization: string;
  readonly dependsOn: string;
}

export interface FluxGraph {
  /** Sorted by group, then key. */
  readonly nodes: readonly FluxGraphNode[];
  /** Sorted by dependency, then dependant. */
  readonly edges: readonly FluxGraphEdge[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The Flux Kustomizations of a cluster and their `dependsOn`, from the same derivation the
 * renderer writes into each `ks.yaml`, so the diagram cannot disagree with the Flux tree.
 * @throws UserError for dangling references or cycles, exactly as rendering would.
 */
export function fluxGraph(cluster: ClusterDefinition): FluxGraph {
  const dependencies = resolveDependencies(cluster.name, cluster.components);
  const nodes: FluxGraphNode[] = [];
  const edges: FluxGraphEdge[] = [];
  for (const component of cluster.components) {
    const namespace = kustomizationNamespaceOf(component);
    for (const stage of component.stages) {
      const name = stageKustomizationName(component, stage.name);
      const key = `${namespace}/${name}`;
      nodes.push({ key, name, namespace, component: component.name, stage: stage.name, group: `${component.area}/${component.category}` });
      for (const target of dependencies.get(stageKey(component, stage.name)) ?? []) {
        edges.push({ kustomization: key, dependsOn: `${target.namespace}/${target.name}` });
      }
    }
  }
  return {
    nodes: nodes.sort((a, b) => byText(a.group, b.group) || byText(a.key, b.key)),
    edges: edges.sort((a, b) => byText(a.dependsOn, b.dependsOn) || byText(a.kustomization, b.kustomization)),
  };
}

/**
 * A Mermaid flowchart of the graph, one subgraph per `area/category`. Arrows point from a
 * dependency to the Kustomizations waiting for it, i.e. in reconciliation order.
 */
export function fluxGraphMermaid(graph: FluxGraph): string[] {
  const id = mermaidIds();
  const lines = ["flowchart LR"];
  const groups = [...new Set(graph.nodes.map((node) => node.group))];
  for (const group of groups) {
    lines.push(`  subgraph ${id("group", group)}[${mermaidLabel(group)}]`);
    for (const node of graph.nodes.filter((n) => n.group === group)) lines.push(`    ${id("ks", node.key)}[${mermaidLabel(node.key)}]`);
    lines.push("  end");
  }
  for (const edge of graph.edges) lines.push(`  ${id("ks", edge.dependsOn)} --> ${id("ks", edge.kustomization)}`);
  return lines;
}
