import { kustomizationNamespaceOf, stageKustomizationName, type Component, type Ref } from "../component/index.js";
import { UserError } from "../errors/index.js";

/** A Flux Kustomization a stage waits for. */
export interface DependsOn {
  readonly name: string;
  readonly namespace: string;
}

const stageKey = (component: Pick<Component, "name" | "namespace">, stage: string): string =>
  `${component.namespace}/${component.name}/${stage}`;

const describeStage = (key: string): string => {
  const [namespace, name, stage] = key.split("/");
  return `${namespace}/${name} (stage ${stage})`;
};

/**
 * Resolves every typed reference of the cluster's components into Flux `dependsOn` entries,
 * keyed by `namespace/name/stage`. Rejects references to components the cluster does not run,
 * to stages that do not exist, and dependency cycles, naming both ends.
 */
export function resolveDependencies(cluster: string, components: readonly Component[]): Map<string, DependsOn[]> {
  const byId = new Map(components.map((c) => [`${c.namespace}/${c.name}`, c] as const));
  const edges = new Map<string, string[]>();

  const resolveRef = (from: Component, stage: string, target: Ref): string => {
    const component = byId.get(`${target.namespace}/${target.name}`);
    const origin = `component ${from.namespace}/${from.name} (stage ${stage}) in cluster ${cluster}`;
    if (!component) {
      throw new UserError(`${origin} depends on ${target.namespace}/${target.name}, which cluster ${cluster} does not run`);
    }
    const targetStage = target.stage ?? component.stages[component.stages.length - 1]!.name;
    if (!component.stages.some((s) => s.name === targetStage)) {
      const known = component.stages.map((s) => s.name).join(", ");
      throw new UserError(`${origin} depends on stage ${JSON.stringify(targetStage)} of ${target.namespace}/${target.name}, which has only: ${known}`);
    }
    return stageKey(component, targetStage);
  };

  for (const component of components) {
    component.stages.forEach((stage, index) => {
      const targets = new Set<string>();
      if (index > 0) targets.add(stageKey(component, component.stages[index - 1]!.name));
      const refs = [...(index === 0 ? (component.dependsOn ?? []) : []), ...(stage.dependsOn ?? [])];
      for (const target of refs) targets.add(resolveRef(component, stage.name, target));
      const key = stageKey(component, stage.name);
      if (targets.has(key)) {
        throw new UserError(`component ${component.namespace}/${component.name} (stage ${stage.name}) in cluster ${cluster} depends on itself`);
      }
      edges.set(key, [...targets].sort());
    });
  }

  assertAcyclic(cluster, edges);

  const result = new Map<string, DependsOn[]>();
  for (const [key, targets] of edges) {
    result.set(
      key,
      targets.map((target) => {
        const [namespace, name, stage] = target.split("/") as [string, string, string];
        const component = byId.get(`${namespace}/${name}`)!;
        return { name: stageKustomizationName(component, stage), namespace: kustomizationNamespaceOf(component) };
      }),
    );
  }
  return result;
}

function assertAcyclic(cluster: string, edges: ReadonlyMap<string, readonly string[]>): void {
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (node: string): void => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "visiting") {
      const cycle = [...path.slice(path.indexOf(node)), node].map(describeStage);
      throw new UserError(`dependency cycle in cluster ${cluster}: ${cycle.join(" -> ")}`);
    }
    state.set(node, "visiting");
    path.push(node);
    for (const next of edges.get(node) ?? []) visit(next);
    path.pop();
    state.set(node, "done");
  };
  for (const node of [...edges.keys()].sort()) visit(node);
}

export { stageKey };
