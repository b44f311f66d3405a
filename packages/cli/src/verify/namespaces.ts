import { showValue } from "@k8s-gitops/core/errors";
import type { AppliedObject, ClusterObjects } from "./flux-tree.js";
import { fileOfObject } from "./flux-graph.js";
import { apiVersionOf, at, describeObject, groupOf, isFluxKustomization, isHelmRelease, kindOf, nameOf, namespaceOf, textAt } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

/**
 * Namespaces that exist on a cluster before Flux applies anything, so the tree need not create
 * them. `flux-system` is not here: the tree creates it (with pruning disabled) in
 * `kubernetes/clusters/<cluster>/namespaces.yaml`, after bootstrap's helmfile created it for the
 * Flux Operator.
 */
export const preexistingNamespaces: ReadonlyMap<string, string> = new Map([
  ["default", "created by the Kubernetes API server"],
  ["kube-system", "created by the Kubernetes API server; Talos runs the control plane there"],
  ["kube-public", "created by the Kubernetes API server"],
  ["kube-node-lease", "created by the Kubernetes API server for node heartbeats"],
]);

const isFluxKind = (doc: unknown): boolean => {
  const group = groupOf(apiVersionOf(doc));
  return group.endsWith(".toolkit.fluxcd.io") || group === "fluxcd.controlplane.io";
};

/**
 * Every namespace an object of the cluster lives in or a Flux object names as a target must be
 * created by a Namespace object of the same cluster (or by a HelmRelease with
 * `install.createNamespace`), or be one of {@link preexistingNamespaces}. Objects whose namespace
 * came from a Kustomization's `spec.targetNamespace` are covered by that Kustomization's line.
 */
function clusterNamespaceProblems(cluster: string, objects: readonly AppliedObject[], origins: OriginIndex): Problem[] {
  const created = new Set(preexistingNamespaces.keys());
  for (const { doc } of objects) {
    if (kindOf(doc) === "Namespace" && apiVersionOf(doc) === "v1") created.add(nameOf(doc));
    const target = textAt(doc, "spec", "targetNamespace");
    if (isHelmRelease(doc) && at(doc, "spec", "install", "createNamespace") === true && target !== undefined) created.add(target);
  }
  const problems: Problem[] = [];
  const missing = (namespace: string): string => `${showValue(namespace)}, which no Namespace applied on cluster ${cluster} creates`;
  for (const object of objects) {
    const { doc } = object;
    const file = fileOfObject(object, origins);
    const namespace = namespaceOf(doc);
    if (namespace === undefined && isFluxKind(doc)) {
      problems.push(problem("namespace", file, `${describeObject(doc)} has no namespace (neither metadata.namespace nor a targetNamespace of ${object.appliedBy})`));
    }
    if (namespace !== undefined && !object.namespaceFromTarget && !created.has(namespace)) {
      problems.push(problem("namespace", file, `${describeObject(doc)} is in namespace ${missing(namespace)}`));
    }
    const fields: [string, string | undefined][] = [];
    if (isFluxKustomization(doc)) fields.push(["spec.targetNamespace", textAt(doc, "spec", "targetNamespace")]);
    if (isHelmRelease(doc)) {
      fields.push(["spec.targetNamespace", textAt(doc, "spec", "targetNamespace")]);
      fields.push(["spec.storageNamespace", textAt(doc, "spec", "storageNamespace")]);
    }
    for (const [field, value] of fields) {
      if (value !== undefined && !created.has(value)) problems.push(problem("namespace", file, `${describeObject(doc)}: ${field} is ${missing(value)}`));
    }
  }
  return problems;
}

export function checkNamespaces(clusters: readonly ClusterObjects[], origins: OriginIndex): Problem[] {
  return clusters.flatMap(({ cluster, objects }) => clusterNamespaceProblems(cluster, objects, origins));
}
