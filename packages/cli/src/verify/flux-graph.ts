import { showValue } from "@k8s-gitops/core/errors";
import type { AppliedObject, ClusterObjects } from "./flux-tree.js";
import { isFluxSource } from "./flux-tree.js";
import { apiVersionOf, at, describeObject, groupOf, isFluxKustomization, isHelmRelease, kindOf, nameOf, namespaceOf, textAt } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

/** The file to blame for an object: its source file, or for FluxInstance-made objects the cluster folder. */
export const fileOfObject = (object: AppliedObject, origins: OriginIndex): string =>
  object.createdBy === undefined ? origins.fileOf(object.doc, [object.dir]) : object.dir;

const ref = (namespace: string | undefined, name: string | undefined): string => `${namespace ?? "<no namespace>"}/${name ?? "<no name>"}`;

interface Node {
  readonly object: AppliedObject;
  readonly id: string;
  readonly dependsOn: readonly string[];
}

/**
 * `dependsOn` of Kustomizations and of HelmReleases (each kind names its own kind) must name an
 * object of the same cluster, and must not form a cycle: Flux would wait forever.
 */
function dependencyProblems(cluster: string, kind: string, objects: readonly AppliedObject[], origins: OriginIndex): Problem[] {
  const problems: Problem[] = [];
  const ofKind = objects.filter((o) => (kind === "Kustomization" ? isFluxKustomization(o.doc) : isHelmRelease(o.doc)));
  const ids = new Set(ofKind.map((o) => ref(namespaceOf(o.doc), nameOf(o.doc))));
  const nodes = new Map<string, Node>();
  for (const object of ofKind) {
    const own = namespaceOf(object.doc);
    const list = at(object.doc, "spec", "dependsOn");
    const targets: string[] = [];
    for (const [index, entry] of (Array.isArray(list) ? list : []).entries()) {
      const target = ref(textAt(entry, "namespace") ?? own, textAt(entry, "name"));
      if (ids.has(target)) targets.push(target);
      else {
        problems.push(
          problem("flux-graph", fileOfObject(object, origins), `${describeObject(object.doc)}: spec.dependsOn[${index}] ${kind} ${target} does not exist on cluster ${cluster}`),
        );
      }
    }
    const id = ref(own, nameOf(object.doc));
    nodes.set(id, { object, id, dependsOn: targets });
  }
  for (const cycle of findCycles(nodes)) {
    const first = nodes.get(cycle[0]!)!;
    problems.push(problem("flux-graph", fileOfObject(first.object, origins), `dependsOn cycle on cluster ${cluster}: ${kind} ${[...cycle, cycle[0]].join(" -> ")}`));
  }
  return problems;
}

/** Every elementary cycle found by a depth-first search, each once, starting at its smallest id. */
export function findCycles(nodes: ReadonlyMap<string, { readonly dependsOn: readonly string[] }>): string[][] {
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const found = new Map<string, string[]>();
  const visit = (id: string): void => {
    state.set(id, "active");
    stack.push(id);
    for (const next of nodes.get(id)?.dependsOn ?? []) {
      if (state.get(next) === "active") {
        const cycle = stack.slice(stack.indexOf(next));
        const start = cycle.indexOf([...cycle].sort()[0]!);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        found.set(rotated.join("\u0000"), rotated);
      } else if (!state.has(next) && nodes.has(next)) visit(next);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const id of [...nodes.keys()].sort()) if (!state.has(id)) visit(id);
  return [...found.values()];
}

/** Kustomization sourceRef, HelmRelease chartRef and chart.spec.sourceRef must name a source of the cluster. */
function sourceProblems(cluster: string, objects: readonly AppliedObject[], origins: OriginIndex): Problem[] {
  const sources = new Set(objects.filter((o) => isFluxSource(o.doc)).map((o) => `${kindOf(o.doc)} ${ref(namespaceOf(o.doc), nameOf(o.doc))}`));
  const problems: Problem[] = [];
  for (const object of objects) {
    const refs: [string, unknown][] = [];
    if (isFluxKustomization(object.doc)) refs.push(["spec.sourceRef", at(object.doc, "spec", "sourceRef")]);
    if (isHelmRelease(object.doc)) {
      const chartRef = at(object.doc, "spec", "chartRef");
      const sourceRef = at(object.doc, "spec", "chart", "spec", "sourceRef");
      if (chartRef !== undefined) refs.push(["spec.chartRef", chartRef]);
      if (sourceRef !== undefined) refs.push(["spec.chart.spec.sourceRef", sourceRef]);
      if (chartRef === undefined && sourceRef === undefined) {
        problems.push(problem("flux-graph", fileOfObject(object, origins), `${describeObject(object.doc)}: has neither spec.chartRef nor spec.chart`));
      }
    }
    const own = namespaceOf(object.doc);
    for (const [field, value] of refs) {
      const namespace = textAt(value, "namespace");
      const key = `${textAt(value, "kind") ?? "<no kind>"} ${ref(namespace ?? own, textAt(value, "name"))}`;
      const file = fileOfObject(object, origins);
      if (!sources.has(key)) problems.push(problem("flux-graph", file, `${describeObject(object.doc)}: ${field} ${key} does not exist on cluster ${cluster}`));
      // helm-controller locked down with --no-cross-namespace-refs refuses these, and the chart's
      // HelmChart would live in another tenant's namespace.
      if (isHelmRelease(object.doc) && namespace !== undefined && namespace !== own) {
        problems.push(
          problem("flux-graph", file, `${describeObject(object.doc)}: ${field}.namespace ${showValue(namespace)} differs from the HelmRelease's namespace ${showValue(own)}`),
        );
      }
    }
  }
  return problems;
}

/** Two Kustomizations applying the same object would keep overwriting each other (and pruning would fight). */
function duplicateProblems(cluster: string, objects: readonly AppliedObject[], origins: OriginIndex): Problem[] {
  const byKey = new Map<string, AppliedObject[]>();
  for (const object of objects) {
    const key = `${groupOf(apiVersionOf(object.doc))}/${kindOf(object.doc)} ${ref(namespaceOf(object.doc), nameOf(object.doc))}`;
    byKey.set(key, [...(byKey.get(key) ?? []), object]);
  }
  const problems: Problem[] = [];
  for (const list of byKey.values()) {
    const appliers = [...new Set(list.map((o) => o.appliedBy))];
    if (appliers.length < 2) continue;
    problems.push(
      problem("flux-graph", fileOfObject(list[0]!, origins), `${describeObject(list[0]!.doc)} is applied on cluster ${cluster} by ${appliers.join(" and by ")}`),
    );
  }
  return problems;
}

/** The Flux graph checks of every cluster: dependsOn targets and cycles, sources, duplicate objects. */
export function checkFluxGraph(clusters: readonly ClusterObjects[], origins: OriginIndex): Problem[] {
  return clusters.flatMap(({ cluster, objects }) => [
    ...dependencyProblems(cluster, "Kustomization", objects, origins),
    ...dependencyProblems(cluster, "HelmRelease", objects, origins),
    ...sourceProblems(cluster, objects, origins),
    ...duplicateProblems(cluster, objects, origins),
  ]);
}
