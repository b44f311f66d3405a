/**
 * Every workload that runs more than one replica needs a PodDisruptionBudget selecting its pods:
 * a Talos rolling upgrade drains one node at a time (`talosctl upgrade` cordons and drains through
 * the eviction API), and without a budget the eviction API lets every replica go at once.
 *
 * Mirrors the Kubernetes disruption controller (kubernetes pkg/controller/disruption/disruption.go,
 * getPdbForPod: a PDB in the pod's namespace whose `spec.selector`, read with
 * metav1.LabelSelectorAsSelector, matches the pod's labels) applied to the pods a Deployment or
 * StatefulSet creates (its `spec.template.metadata.labels`). Objects come from both places the
 * cluster gets them: what Flux applies from the tree and what `helm template` renders for every
 * HelmRelease and bootstrap release (so a chart's own PDB, switched on by values, counts).
 */
import { labelSelectorMatches } from "@k8s-gitops/core";
import type { ClusterObjects } from "./flux-tree.js";
import { fileOfObject } from "./flux-graph.js";
import type { RenderedRelease } from "./helm-render.js";
import { apiVersionOf, at, isObject, kindOf, nameOf, namespaceOf } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

/** One object a cluster will run, with its namespace resolved and the file to blame. */
export interface PlacedObject {
  readonly cluster: string;
  readonly namespace: string | undefined;
  readonly doc: unknown;
  readonly file: string;
  /** Where it comes from, for messages: `HelmRelease kube-system/cilium (chart cilium 1.18.4)`. */
  readonly source?: string;
}

const workloadKinds = new Set(["Deployment", "StatefulSet"]);

/** `spec.replicas` as the API server defaults it (apps/v1 SetDefaults_Deployment/StatefulSet: 1 when unset). */
export function replicasOf(doc: unknown): number {
  const replicas = at(doc, "spec", "replicas");
  return typeof replicas === "number" ? replicas : 1;
}

const labelsAt = (value: unknown): Readonly<Record<string, string>> => {
  if (!isObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
};

/**
 * A PDB's selector against a pod's labels (core's {@link labelSelectorMatches}). A policy/v1 PDB
 * with an empty selector selects every pod of its namespace (the disruption controller's behaviour
 * for policy/v1, kubernetes PR 99290); a missing selector selects none.
 */
export const selectorMatches = (selector: unknown, labels: Readonly<Record<string, string>>): boolean => labelSelectorMatches(selector, labels);

const isPdb = (doc: unknown): boolean => kindOf(doc) === "PodDisruptionBudget" && apiVersionOf(doc) === "policy/v1";

/** Deployments and StatefulSets with more than one replica and no PDB of their cluster and namespace selecting their pods. */
export function disruptionProblems(objects: readonly PlacedObject[]): Problem[] {
  const budgets = objects.filter((o) => isPdb(o.doc));
  const problems: Problem[] = [];
  for (const object of objects) {
    if (!workloadKinds.has(kindOf(object.doc)) || apiVersionOf(object.doc) !== "apps/v1") continue;
    const replicas = replicasOf(object.doc);
    if (replicas <= 1) continue;
    const labels = labelsAt(at(object.doc, "spec", "template", "metadata", "labels"));
    const covered = budgets.some((b) => b.cluster === object.cluster && b.namespace === object.namespace && selectorMatches(at(b.doc, "spec", "selector"), labels));
    if (covered) continue;
    const subject = `${kindOf(object.doc)} ${object.namespace ?? "<no namespace>"}/${nameOf(object.doc)}`;
    const from = object.source === undefined ? "" : ` (rendered from ${object.source})`;
    problems.push(
      problem(
        "disruption",
        object.file,
        `${subject}${from} on cluster ${object.cluster} runs ${replicas} replicas and no PodDisruptionBudget in namespace ${object.namespace ?? "<no namespace>"} selects its pods (labels ${JSON.stringify(labels)}): a node drain may evict them all at once`,
      ),
    );
  }
  return problems;
}

/** The objects of the tree (as Flux applies them) and of every rendered release, placed on their cluster. */
export function placedObjects(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[], origins: OriginIndex): PlacedObject[] {
  const placed: PlacedObject[] = [];
  for (const { cluster, objects } of clusters) {
    for (const object of objects) placed.push({ cluster, namespace: namespaceOf(object.doc), doc: object.doc, file: fileOfObject(object, origins) });
  }
  for (const release of renders) {
    if (release.status !== "rendered") continue;
    const source = `${release.subject} (chart ${release.ref.chart} ${release.ref.version})`;
    // Helm applies namespaced objects without metadata.namespace in the release namespace (helm pkg/kube/client.go Build, SetNamespace).
    for (const doc of release.objects) placed.push({ cluster: release.cluster, namespace: namespaceOf(doc) ?? release.namespace, doc, file: release.file, source });
  }
  return placed;
}
