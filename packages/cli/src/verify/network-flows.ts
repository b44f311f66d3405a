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
import { instanceMetricsPort, poolerMetricsPort, poolerPods, postgresInstances } from "@k8s-gitops/components/cloudnative-pg";
import { dragonflyAdminPort, dragonflyPods } from "@k8s-gitops/components/dragonfly";
import { fluxControllerPods } from "@k8s-gitops/components/flux";
import { keycloakPods } from "@k8s-gitops/components/keycloak";
import { mgrPods, rgwPods } from "@k8s-gitops/components/rook-ceph";
import { type ClusterPolicies, type End, evaluate } from "@k8s-gitops/components/network-flows";
import { kafkaAgentPort, kafkaMetricsPort, kafkaPods, kraftControllerPort, replicationPort } from "@k8s-gitops/components/strimzi";
import { vmWorkload } from "@k8s-gitops/components/victoria-metrics";
import { labelSelectorMatches } from "@k8s-gitops/core";
import { parse as parseYaml } from "yaml";
import type { ClusterObjects } from "./flux-tree.js";
import type { RenderedRelease } from "./helm-render.js";
import { type Problem, problem } from "./problems.js";

interface Pod {
  readonly cluster: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Container ports the pod template declares; undefined when it declares none (or an operator creates the pod). */
  readonly ports?: readonly number[];
  /** Container ports by name (the pod template's, or the operator's convention), for scrape endpoints that name a port. */
  readonly named?: Readonly<Record<string, number>>;
  /** `hostNetwork: true`: the pod is its node to Cilium, outside every CiliumNetworkPolicy. */
  readonly hostNetwork?: boolean;
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

function namedPorts(template: Doc): Record<string, number> {
  const containers = (template.spec?.containers ?? []) as { ports?: { containerPort?: number; name?: string }[] }[];
  return Object.fromEntries(containers.flatMap((c) => (c.ports ?? []).flatMap((p) => (p.name ? [[p.name, Number(p.containerPort)]] : []))));
}

/** Pods an operator creates for one of the estate's custom resources, by the operator's label convention. */
function operatorPods(cluster: string, namespace: string, doc: Doc): Pod[] {
  const name = doc.metadata?.name ?? "";
  const group = (doc.apiVersion ?? "").split("/")[0];
  const pods = (labels: Record<string, string>, named?: Record<string, number>, hostNetwork?: boolean) => [{ cluster, namespace, labels, ...(named ? { named } : {}), ...(hostNetwork ? { hostNetwork } : {}) }];
  switch (`${doc.kind}.${group}`) {
    // The metrics port names are the operators' (PodMonitors name them): CNPG `metrics`, Dragonfly `admin`, Strimzi `tcp-prometheus`.
    case "Cluster.postgresql.cnpg.io":
      return pods({ ...postgresInstances(cluster, namespace, name).labels, "cnpg.io/podRole": "instance" }, { metrics: instanceMetricsPort });
    case "Pooler.postgresql.cnpg.io":
      return pods(poolerPods(cluster, namespace, name).labels, { metrics: poolerMetricsPort });
    case "Dragonfly.dragonflydb.io":
      return pods(dragonflyPods(cluster, namespace, name).labels, { admin: dragonflyAdminPort });
    case "Keycloak.k8s.keycloak.org":
      return pods(keycloakPods(cluster, namespace, name).labels);
    case "VMSingle.operator.victoriametrics.com":
    case "VMAgent.operator.victoriametrics.com":
    case "VMAlert.operator.victoriametrics.com":
    case "VMAlertmanager.operator.victoriametrics.com":
      return pods(vmWorkload(cluster, namespace, doc.kind!.toLowerCase() as "vmsingle", name).labels);
    case "CephObjectStore.ceph.rook.io":
      return pods(rgwPods(cluster, namespace, name).labels);
    case "Kafka.kafka.strimzi.io": {
      // The Kafka nodes listen on the CR's listeners and Strimzi's internal ports (`KafkaCluster.java`), so a flow to another port is caught.
      const listeners = (((doc.spec?.kafka as { listeners?: { port?: number }[] } | undefined)?.listeners ?? []).map((l) => Number(l.port)));
      return [{ cluster, namespace, labels: { ...kafkaPods(cluster, namespace, name).labels, "strimzi.io/kind": "Kafka" }, named: { "tcp-prometheus": kafkaMetricsPort }, ports: [...listeners, kraftControllerPort, replicationPort, kafkaAgentPort, kafkaMetricsPort] }];
    }
    case "FluxInstance.fluxcd.controlplane.io":
      return ((doc.spec?.components as string[] | undefined) ?? []).map((controller) => ({ cluster, namespace, labels: fluxControllerPods(cluster, namespace, controller).labels }));
    case "CephCluster.ceph.rook.io":
      // `spec.network.provider: host` puts mon, mgr and OSDs on the node's network (rook `pkg/operator/ceph/cluster/..., IsHost`).
      return pods(mgrPods(cluster, namespace).labels, undefined, (doc.spec?.network as { provider?: string } | undefined)?.provider === "host");
    default:
      return [];
  }
}

interface Service {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Absent: the endpoints are managed elsewhere (the `kubernetes` Service, global services). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly name?: string; readonly port: number; readonly targetPort?: number | string }[];
}

/** Every Service of the tree and the chart renders. */
export function estateServices(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[]): Service[] {
  const services: Service[] = [];
  const add = (cluster: string, fallbackNamespace: string, doc: Doc) => {
    if (doc.kind !== "Service" || doc.apiVersion !== "v1") return;
    const spec = (doc.spec ?? {}) as { selector?: Record<string, string>; ports?: { name?: string; port: number; targetPort?: number | string }[] };
    services.push({ cluster, namespace: doc.metadata?.namespace ?? fallbackNamespace, name: doc.metadata?.name ?? "", labels: doc.metadata?.labels ?? {}, ...(spec.selector ? { selector: spec.selector } : {}), ports: spec.ports ?? [] });
  };
  for (const cluster of clusters) for (const object of cluster.objects) add(cluster.cluster, "", object.doc as Doc);
  for (const release of renders) if (release.status === "rendered") for (const doc of release.objects) add(release.cluster, release.namespace, doc as Doc);
  return services;
}

/**
 * A numeric `targetPort` of a Service that selects a pod is a port the pod listens on even when
 * its container does not declare it (Kubernetes forwards to it either way; `containerPort` is
 * informational, API reference "Container", ports).
 */
function withServicePorts(pods: readonly Pod[], services: readonly Service[]): Pod[] {
  return pods.map((pod) => {
    if (pod.ports === undefined) return pod;
    const extra = services
      .filter((s) => s.cluster === pod.cluster && s.namespace === pod.namespace && s.selector && labelSelectorMatches({ matchLabels: s.selector }, pod.labels))
      .flatMap((s) => s.ports.map((p) => (p.targetPort === undefined ? p.port : typeof p.targetPort === "number" ? p.targetPort : pod.named?.[p.targetPort])).filter((p): p is number => p !== undefined));
    return { ...pod, ports: [...new Set([...pod.ports, ...extra])] };
  });
}

type Container = { command?: string[]; args?: string[]; volumeMounts?: { name?: string; mountPath?: string }[] };
type PodSpec = { containers?: Container[]; initContainers?: Container[]; volumes?: { name?: string; configMap?: { name?: string } }[] };

/**
 * Objects a Job or CronJob creates at run time with `kubectl create -f <file>` (or `apply -f`),
 * where the file is a key of a ConfigMap the pod mounts (e.g. the Postgres restore test's
 * throwaway Cluster): read from that ConfigMap, as kubectl would read the mounted file.
 */
export function jobCreatedObjects(doc: Doc, configMaps: ReadonlyMap<string, Readonly<Record<string, string>>>): Doc[] {
  const spec = podTemplate(doc)?.spec as PodSpec | undefined;
  if (spec === undefined || (doc.kind !== "CronJob" && doc.kind !== "Job")) return [];
  const created: Doc[] = [];
  for (const container of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    const verb = argv.findIndex((a) => a === "create" || a === "apply");
    const flag = argv.indexOf("-f");
    const file = flag >= 0 ? argv[flag + 1] : undefined;
    if (verb < 0 || file === undefined) continue;
    for (const mount of container.volumeMounts ?? []) {
      const dir = `${(mount.mountPath ?? "").replace(/\/$/, "")}/`;
      const configMap = spec.volumes?.find((v) => v.name === mount.name)?.configMap?.name;
      if (!file.startsWith(dir) || configMap === undefined) continue;
      const text = configMaps.get(configMap)?.[file.slice(dir.length)];
      if (text !== undefined) created.push(parseYaml(text) as Doc);
    }
  }
  return created;
}

/** Every pod the estate runs, as far as the tree and the chart renders tell. */
export function estatePods(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[]): Pod[] {
  const pods: Pod[] = [];
  const configMaps = new Map<string, Record<string, string>>();
  for (const cluster of clusters) {
    for (const object of cluster.objects) {
      const doc = object.doc as Doc & { data?: Record<string, string> };
      if (doc.kind === "ConfigMap") configMaps.set(`${cluster.cluster}/${doc.metadata?.namespace ?? ""}/${doc.metadata?.name ?? ""}`, doc.data ?? {});
    }
  }
  const add = (cluster: string, fallbackNamespace: string, doc: Doc) => {
    const namespace = doc.metadata?.namespace ?? fallbackNamespace;
    const template = podTemplate(doc);
    const labels = template?.metadata?.labels;
    if (template && labels) {
      const ports = containerPorts(template);
      const hostNetwork = (template.spec as { hostNetwork?: boolean } | undefined)?.hostNetwork === true;
      pods.push({ cluster, namespace, labels, ...(ports ? { ports } : {}), named: namedPorts(template), ...(hostNetwork ? { hostNetwork } : {}) });
    }
    pods.push(...operatorPods(cluster, namespace, doc));
    const local = new Map([...configMaps].filter(([key]) => key.startsWith(`${cluster}/${namespace}/`)).map(([key, data]) => [key.slice(`${cluster}/${namespace}/`.length), data]));
    for (const created of jobCreatedObjects(doc, local)) pods.push(...operatorPods(cluster, created.metadata?.namespace ?? namespace, created));
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
  const pods = withServicePorts(estatePods(clusters, renders), estateServices(clusters, renders));
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
          if (selected.every((pod) => pod.hostNetwork)) {
            problems.push(problem("network-flows", object.dir, `${subject}: ${where} selects only host-network pods in ${target.cluster}/${target.namespace}, which no CiliumNetworkPolicy applies to (declare the workload with hostNetwork: true)`));
            return;
          }
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

/**
 * `default/kubernetes`, which the API server creates and maintains itself (labels `component:
 * apiserver`, `provider: kubernetes`; kubernetes `pkg/controlplane/reconcilers`), so it is in no
 * rendered tree; Talos serves the API on 6443.
 */
const apiserverService: Service = { cluster: "", namespace: "default", name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" }, ports: [{ name: "https", port: 443, targetPort: 6443 }] };
const apiserverPort = 6443;

const scrapeKinds = new Set(["ServiceMonitor", "PodMonitor", "VMServiceScrape", "VMPodScrape"]);
const policyKinds = new Set(["CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy", "NetworkPolicy"]);

interface Endpoint {
  readonly port?: string | number;
  readonly targetPort?: string | number;
  readonly path?: string;
}

/** The namespaces a scrape object looks in (prometheus-operator and VictoriaMetrics: `namespaceSelector.matchNames`, `any`, else its own). */
function scrapeNamespaces(spec: Record<string, unknown>, own: string): ((ns: string) => boolean) {
  const selector = (spec.namespaceSelector ?? {}) as { any?: boolean; matchNames?: string[] };
  if (selector.any) return () => true;
  const names = selector.matchNames ?? [own];
  return (ns) => names.includes(ns);
}

/**
 * Every scrape object of the estate (ServiceMonitor, PodMonitor, VMServiceScrape, VMPodScrape, in
 * the tree and in every chart render) must be admitted by the generated policies: for each pod it
 * selects and each endpoint port, the cluster's VMAgent may open the connection and `GET` the
 * endpoint's path (default `/metrics`), as the in-memory Cilium evaluator decides over every
 * Cilium policy the cluster applies. Resolution follows the operators: a ServiceMonitor's `port`
 * names a Service port whose `targetPort` (number, or a container port name) is dialled on the
 * Service's pods; a PodMonitor's `port` names a container port (prometheus-operator
 * `pkg/prometheus/promcfg.go`, generateServiceMonitorConfig / generatePodMonitorConfig; the
 * VictoriaMetrics operator converts them to VMServiceScrape/VMPodScrape with the same meaning).
 * The policies are every CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy and Kubernetes
 * NetworkPolicy of the tree and of the chart renders (Cilium enforces all of them together).
 * Host-network pods are reached as `remote-node`. A scrape into a namespace whose chart was not
 * rendered is counted, not judged; a Service without a selector (endpoints managed elsewhere, such
 * as `default/kubernetes`, which the default deny admits as `kube-apiserver`) too.
 */
export function checkScrapeFlows(clusters: readonly ClusterObjects[], renders: readonly RenderedRelease[]): { problems: Problem[]; checked: number; unverifiable: number } {
  const pods = estatePods(clusters, renders);
  const services = estateServices(clusters, renders);
  const skipped = new Set(renders.filter((r) => r.status === "skipped").map((r) => `${r.cluster}/${r.namespace}`));
  // Every policy the cluster applies: the tree's and the ones the charts install (Helm puts them in the release namespace).
  const fromCharts = (cluster: string) =>
    renders.flatMap((r) => (r.status === "rendered" && r.cluster === cluster ? r.objects.map((o) => o as Doc).filter((d) => policyKinds.has(d.kind ?? "")).map((d) => (d.kind === "CiliumClusterwideNetworkPolicy" || d.metadata?.namespace ? d : { ...d, metadata: { ...d.metadata, namespace: r.namespace } })) : []));
  const applied: ClusterPolicies[] = clusters.map((c) => ({ cluster: c.cluster, policies: [...c.objects.map((o) => o.doc as Doc).filter((d) => policyKinds.has(d.kind ?? "")), ...fromCharts(c.cluster)] }));
  const problems: Problem[] = [];
  let checked = 0;
  let unverifiable = 0;
  const scrapes: { cluster: string; namespace: string; where: string; doc: Doc }[] = [];
  for (const cluster of clusters) for (const object of cluster.objects) scrapes.push({ cluster: cluster.cluster, namespace: (object.doc as Doc).metadata?.namespace ?? "", where: object.dir, doc: object.doc as Doc });
  for (const release of renders) if (release.status === "rendered") for (const doc of release.objects) scrapes.push({ cluster: release.cluster, namespace: (doc as Doc).metadata?.namespace ?? release.namespace, where: release.file, doc: doc as Doc });
  const seen = new Set<string>();
  for (const { cluster, namespace, where, doc } of scrapes) {
    if (!scrapeKinds.has(doc.kind ?? "")) continue;
    const key = `${cluster}/${namespace}/${doc.kind}/${doc.metadata?.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const subject = `${doc.kind} ${namespace}/${doc.metadata?.name} (cluster ${cluster})`;
    const scrapers = pods.filter((p) => p.cluster === cluster && p.labels["app.kubernetes.io/name"] === "vmagent");
    if (scrapers.length === 0) {
      problems.push(problem("network-flows", where, `${subject}: cluster ${cluster} runs no VMAgent to scrape it`));
      continue;
    }
    const spec = (doc.spec ?? {}) as Record<string, unknown>;
    const inNamespace = scrapeNamespaces(spec, namespace);
    const byPod = doc.kind === "PodMonitor" || doc.kind === "VMPodScrape";
    const endpoints = ((byPod ? spec.podMetricsEndpoints : spec.endpoints) ?? []) as Endpoint[];
    // Each target: a pod and the port number dialled on it, with the endpoint's path.
    const targets: { pod: Pod; port: number | undefined; path: string; via: string }[] = [];
    let unresolved = false;
    let elsewhere = false;
    if (byPod) {
      const selected = pods.filter((p) => p.cluster === cluster && inNamespace(p.namespace) && labelSelectorMatches(spec.selector, p.labels));
      if (selected.length === 0) unresolved = true;
      for (const pod of selected) for (const e of endpoints) targets.push({ pod, port: typeof (e.port ?? e.targetPort) === "number" ? Number(e.port ?? e.targetPort) : pod.named?.[String(e.port ?? e.targetPort)], path: e.path ?? "/metrics", via: `port ${String(e.port ?? e.targetPort)}` });
    } else {
      const selected = [...services.filter((s) => s.cluster === cluster && inNamespace(s.namespace) && labelSelectorMatches(spec.selector, s.labels)), ...(inNamespace("default") && labelSelectorMatches(spec.selector, apiserverService.labels) ? [{ ...apiserverService, cluster }] : [])];
      if (selected.length === 0) unresolved = true;
      for (const service of selected) {
        if (!service.selector) {
          elsewhere = true;
          if (service.name === apiserverService.name && service.namespace === apiserverService.namespace) {
            // The API server is the `kube-apiserver` entity (its endpoints are the control-plane hosts).
            const denied = scrapers.map((scraper) => evaluate(applied, { from: { cluster, namespace: scraper.namespace, labels: scraper.labels }, to: { entity: "kube-apiserver", cluster }, port: apiserverPort })).find((v) => !v.allowed);
            checked++;
            if (denied) problems.push(problem("network-flows", where, `${subject}: VMAgent may not reach the API server on ${apiserverPort}: ${denied.reason}`));
          } else unverifiable++;
          continue;
        }
        const backends = pods.filter((p) => p.cluster === cluster && p.namespace === service.namespace && labelSelectorMatches({ matchLabels: service.selector }, p.labels));
        if (backends.length === 0) unresolved = true;
        for (const e of endpoints) {
          const servicePort = e.port === undefined ? undefined : service.ports.find((p) => p.name === e.port);
          // A Service without the named port yields no target (prometheus-operator keeps only endpoints whose port name matches).
          if (e.port !== undefined && servicePort === undefined) continue;
          const target = e.targetPort ?? servicePort?.targetPort ?? servicePort?.port;
          for (const pod of backends) targets.push({ pod, port: typeof target === "number" ? target : target === undefined ? undefined : pod.named?.[target], path: e.path ?? "/metrics", via: `Service ${service.name} port ${String(e.port ?? e.targetPort)}` });
        }
      }
    }
    if (unresolved && skipped.has(`${cluster}/${namespace}`)) {
      unverifiable++;
      continue;
    }
    if (unresolved || (targets.length === 0 && !elsewhere)) {
      problems.push(problem("network-flows", where, `${subject}: selects no pod of the rendered tree and charts, so its flow cannot be checked`));
      continue;
    }
    for (const target of targets) {
      if (target.port === undefined) {
        problems.push(problem("network-flows", where, `${subject}: ${target.via} names no port of the selected pods in ${target.pod.namespace} (${JSON.stringify(target.pod.labels)})`));
        continue;
      }
      const to: End = target.pod.hostNetwork ? { entity: "remote-node", cluster } : { cluster, namespace: target.pod.namespace, labels: target.pod.labels };
      const denied = scrapers
        .map((scraper) => evaluate(applied, { from: { cluster, namespace: scraper.namespace, labels: scraper.labels }, to, port: target.port!, http: { method: "GET", path: target.path } }))
        .find((v) => !v.allowed);
      checked++;
      if (denied) {
        problems.push(problem("network-flows", where, `${subject}: VMAgent may not scrape ${target.pod.namespace} pods ${JSON.stringify(target.pod.labels)}${target.pod.hostNetwork ? " (host network)" : ""} on ${target.port} GET ${target.path} (${target.via}): ${denied.reason}; declare the scrape flow in the owning component's flows.ts`));
      }
    }
  }
  return { problems, checked, unverifiable };
}
