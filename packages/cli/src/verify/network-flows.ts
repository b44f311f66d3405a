/**
 * The generated network policies select real pods. Cilium applies a policy to the endpoints its
 * `endpointSelector` matches and admits the peers its `fromEndpoints`/`toEndpoints` match
 * (label subsets, Cilium `pkg/policy/api/selector.go`, EndpointSelector.Matches); a selector that
 * matches no pod is an allow rule for nothing and a flow that silently breaks once enforced.
 * Pods come from two places: the pod templates of everything Flux applies and every chart
 * renders (`helm template`, see helm-render.ts), and the pods operators create for custom
 * resources, by each operator's label convention (recorded once, with its source, in the
 * component's `flows.ts`).
 */
import { postgresInstances } from "@k8s-gitops/components/cloudnative-pg";
import { dragonflyPods } from "@k8s-gitops/components/dragonfly";
import { fluxControllerPods } from "@k8s-gitops/components/flux";
import { keycloakPods } from "@k8s-gitops/components/keycloak";
import { mgrPods, rgwPods } from "@k8s-gitops/components/rook-ceph";
import { kafkaPods } from "@k8s-gitops/components/strimzi";
import { vmWorkload } from "@k8s-gitops/components/victoria-metrics";
import type { ClusterObjects } from "./flux-tree.js";
import type { RenderedRelease } from "./helm-render.js";
import { type Problem, problem } from "./problems.js";

interface Pod {
  readonly cluster: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Container ports the pod template declares; undefined when it declares none (or an operator creates the pod). */
  readonly ports?: readonly number[];
}

type Doc = { kind?: string; apiVersion?: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; spec?: Record<string, unknown> };

const podTemplateKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);
const namespaceKey = "io.kubernetes.pod.namespace";
const clusterKey = "io.cilium.k8s.policy.cluster";

function podTemplate(doc: Doc): Doc | undefined {
  if (podTemplateKinds.has(doc.kind ?? "")) return doc.spec?.template as Doc | undefined;
  if (doc.kind === "CronJob") return (doc.spec?.jobTemplate as Doc | undefined)?.spec?.template as Doc | undefined;
  return undefined;
}

function containerPorts(template: Doc): number[] | undefined {
  const containers = (template.spec?.containers ?? []) as { ports?: { containerPort?: number }[] }[];
  const ports = containers.flatMap((c) => (c.ports ?? []).map((p) => Number(p.containerPort)));
  return ports.length > 0 ? ports : undefined;
}

/** Pods an operator creates for one of the estate's custom resources, by the operator's label convention. */
function operatorPods(cluster: string, namespace: string, doc: Doc): Pod[] {
  const name = doc.metadata?.name ?? "";
  const group = (doc.apiVersion ?? "").split("/")[0];
  const pods = (labels: Record<string, string>) => [{ cluster, namespace, labels }];
  switch (`${doc.kind}.${group}`) {
    case "Cluster.postgresql.cnpg.io":
      return pods(postgresInstances(cluster, namespace, name).labels);
    case "Dragonfly.dragonflydb.io":
      return pods(dragonflyPods(cluster, namespace, name).labels);
    case "Keycloak.k8s.keycloak.org":
      return pods(keycloakPods(cluster, namespace, name).labels);
    case "VMSingle.operator.victoriametrics.com":
    case "VMAgent.operator.victoriametrics.com":
    case "VMAlert.operator.victoriametrics.com":
    case "VMAlertmanager.operator.victoriametrics.com":
      return pods(vmWorkload(cluster, namespace, doc.kind!.toLowerCase() as "vmsingle", name).labels);
    case "CephObjectStore.ceph.rook.io":
      return pods(rgwPods(cluster, namespace, name).labels);
    case "Kafka.kafka.strimzi.io":
      return pods(kafkaPods(cluster, namespace, name).labels);
    case "FluxInstance.fluxcd.controlplane.io":
      return ((doc.spec?.components as string[] | undefined) ?? []).map((controller) => ({ cluster, namespace, labels: fluxControllerPods(cluster, namespace, controller).labels }));
    case "CephCluster.ceph.rook.io":
      return pods(mgrPods(cluster, namespace).labels);
    default:
      return [];
  }
}

/** Every pod the estate runs, as far as the tree and the chart renders tell. */
export function estatePods(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[]): Pod[] {
  const pods: Pod[] = [];
  const add = (cluster: string, fallbackNamespace: string, doc: Doc) => {
    const namespace = doc.metadata?.namespace ?? fallbackNamespace;
    const template = podTemplate(doc);
    const labels = template?.metadata?.labels;
    if (template && labels) {
      const ports = containerPorts(template);
      pods.push({ cluster, namespace, labels, ...(ports ? { ports } : {}) });
    }
    pods.push(...operatorPods(cluster, namespace, doc));
  };
  for (const cluster of clusters) for (const object of cluster.objects) add(cluster.cluster, "", object.doc as Doc);
  for (const release of renders) if (release.status === "rendered") for (const doc of release.objects) add(release.cluster, release.namespace, doc as Doc);
  return pods;
}

function matches(selector: unknown, pod: Pod): boolean {
  const matchLabels = ((selector ?? {}) as { matchLabels?: Record<string, string> }).matchLabels ?? {};
  return Object.entries(matchLabels).every(([key, value]) => {
    const bare = key.replace(/^(k8s|any):/, "");
    if (bare === namespaceKey) return pod.namespace === value;
    if (bare === clusterKey) return pod.cluster === value;
    return pod.labels[bare] === value;
  });
}

/**
 * Checks every selector of the generated `flows-*` policies: the endpointSelector must match a pod
 * of the policy's namespace, each peer selector a pod of the namespace and cluster it names.
 * Namespace-wide selectors (`{}`) need no pod. A selector into a namespace where a chart was not
 * rendered (offline-unavailable) cannot be checked and is counted, not reported.
 */
export function checkFlowSelectors(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[]): { problems: Problem[]; checked: number; unverifiable: number } {
  const pods = estatePods(clusters, renders);
  const skipped = new Set(renders.filter((r) => r.status === "skipped").map((r) => `${r.cluster}/${r.namespace}`));
  const problems: Problem[] = [];
  let checked = 0;
  let unverifiable = 0;
  for (const cluster of clusters) {
    for (const object of cluster.objects) {
      type Rule = { toPorts?: { ports?: { port?: string }[] }[] };
      const doc = object.doc as Doc & { spec?: { endpointSelector?: unknown; ingress?: (Rule & { fromEndpoints?: unknown[] })[]; egress?: (Rule & { toEndpoints?: unknown[] })[] } };
      if (doc.kind !== "CiliumNetworkPolicy" || !doc.metadata?.name?.startsWith("flows-")) continue;
      const namespace = doc.metadata.namespace ?? "";
      const subject = `CiliumNetworkPolicy ${namespace}/${doc.metadata.name} (cluster ${cluster.cluster})`;
      const check = (selector: unknown, where: string, scope: Pod, ports: readonly number[] = []) => {
        const labels = ((selector ?? {}) as { matchLabels?: Record<string, string> }).matchLabels ?? {};
        const own = Object.keys(labels).filter((k) => ![namespaceKey, clusterKey].includes(k.replace(/^(k8s|any):/, "")));
        if (own.length === 0) return;
        const target: Pod = { cluster: labels[clusterKey] ?? scope.cluster, namespace: labels[namespaceKey] ?? scope.namespace, labels: {} };
        const selected = pods.filter((pod) => pod.cluster === target.cluster && pod.namespace === target.namespace && matches({ matchLabels: Object.fromEntries(own.map((k) => [k, labels[k]!])) }, pod));
        if (selected.length > 0) {
          checked++;
          // A port no selected container listens on admits nothing; judged only when every selected pod lists its ports.
          if (selected.every((pod) => pod.ports !== undefined)) {
            const open = new Set(selected.flatMap((pod) => pod.ports ?? []));
            for (const port of ports.filter((p) => !open.has(p))) {
              problems.push(problem("network-flows", object.dir, `${subject}: ${where} admits port ${port}, on which none of the selected pods in ${target.cluster}/${target.namespace} listens (container ports ${[...open].sort((a, b) => a - b).join(", ")})`));
            }
          }
          return;
        }
        if (skipped.has(`${target.cluster}/${target.namespace}`)) {
          unverifiable++;
          return;
        }
        problems.push(problem("network-flows", object.dir, `${subject}: ${where} ${JSON.stringify(labels)} selects no pod in ${target.cluster}/${target.namespace} (no rendered pod template or operator-created pods carry those labels)`));
      };
      const scope: Pod = { cluster: cluster.cluster, namespace, labels: {} };
      const portsOf = (rule: { toPorts?: { ports?: { port?: string }[] }[] }) => (rule.toPorts ?? []).flatMap((t) => (t.ports ?? []).map((p) => Number(p.port)));
      check(doc.spec?.endpointSelector, "spec.endpointSelector", scope, (doc.spec?.ingress ?? []).flatMap(portsOf));
      for (const [i, rule] of (doc.spec?.ingress ?? []).entries()) {
        for (const [j, selector] of (rule.fromEndpoints ?? []).entries()) check(selector, `spec.ingress[${i}].fromEndpoints[${j}]`, scope);
      }
      for (const [i, rule] of (doc.spec?.egress ?? []).entries()) {
        for (const [j, selector] of (rule.toEndpoints ?? []).entries()) check(selector, `spec.egress[${i}].toEndpoints[${j}]`, scope, portsOf(rule));
      }
    }
  }
  return { problems, checked, unverifiable };
}
