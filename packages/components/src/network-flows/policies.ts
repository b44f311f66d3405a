import { CiliumNetworkPolicy } from "@kubernetes-models/cilium/cilium.io/v2/CiliumNetworkPolicy";
import { defineComponent, showValue, UserError, type Component, type Ref } from "@k8s-gitops/core";
import { kubeDnsLabel } from "../coredns/values.js";
import { assertFlows, flowKey, isEntity, type Flow, type FlowPeer, type FlowPort, type Workload } from "./model.js";

/** Labels Cilium adds to every endpoint: its namespace and its ClusterMesh cluster (`pkg/k8s/apis/cilium.io/const.go`). */
export const namespaceLabel = "io.kubernetes.pod.namespace";
export const clusterLabel = "io.cilium.k8s.policy.cluster";

type Spec = NonNullable<CiliumNetworkPolicy["spec"]>;
type Rule = NonNullable<Spec["ingress"]>[number];
type EgressRule = NonNullable<Spec["egress"]>[number];
type Selector = NonNullable<Rule["fromEndpoints"]>[number];

/**
 * The selector of a workload from anywhere in the estate: its pod labels plus namespace and
 * cluster. The cluster label is always written, so a rule means the same whether the agent runs
 * with `policy-default-local-cluster` on (Cilium >= 1.19 default) or off.
 */
export function workloadSelector(workload: Pick<Workload, "cluster" | "namespace" | "labels">): Selector {
  return { matchLabels: { ...workload.labels, [namespaceLabel]: workload.namespace, [clusterLabel]: workload.cluster } };
}

function toPorts(ports: readonly FlowPort[]): NonNullable<Rule["toPorts"]> {
  return ports.map((p) => ({
    ports: [{ port: String(p.port), ...(p.endPort === undefined ? {} : { endPort: p.endPort }), protocol: p.protocol ?? "TCP" }],
    ...(p.http ? { rules: { http: p.http.map((h) => ({ method: h.method, path: h.path })) } } : {}),
  }));
}

/**
 * Host-network pods are not Cilium endpoints: traffic from or to them carries the identity of
 * their node, `host` on the node itself and `remote-node` from every other node (Cilium docs,
 * "Host Policies"; `pkg/identity/numericidentity.go`, ReservedIdentityHost/RemoteNode). A rule
 * naming such pods therefore names both entities, limited to the flow's ports.
 */
const nodeEntities = ["host", "remote-node"] as const;

function ingressRule(from: FlowPeer, ports: readonly FlowPort[]): Rule {
  if (isEntity(from)) return { fromEntities: [from.entity], toPorts: toPorts(ports) };
  if (from.hostNetwork) return { fromEntities: [...nodeEntities], toPorts: toPorts(ports) };
  return { fromEndpoints: [workloadSelector(from)], toPorts: toPorts(ports) };
}

function egressRule(to: FlowPeer, ports: readonly FlowPort[]): EgressRule {
  if (isEntity(to)) return { toEntities: [to.entity], toPorts: toPorts(ports) };
  if (to.hostNetwork) return { toEntities: [...nodeEntities], toPorts: toPorts(ports) };
  return { toEndpoints: [workloadSelector(to)], toPorts: toPorts(ports) };
}

/** Pods a namespace's default deny leaves alone, with the reason (documented in docs/network-flows.md). */
export interface DefaultDenyExemption {
  readonly namespace: string;
  /** One label that selects exactly the exempt pods. */
  readonly label: readonly [key: string, value: string];
  readonly reason: string;
}

/**
 * The default deny of one namespace: every pod is selected in both directions
 * (`enableDefaultDeny`), and only what every workload needs stays open: DNS at kube-dns (with the
 * DNS rule that sends lookups through Cilium's DNS proxy, for visibility and `toFQDNs`), the API
 * server, kubelet probes from the local host and webhook calls from the API server. Talos runs
 * kube-apiserver as a static pod on the control-plane hosts' network; Cilium gives those
 * addresses the `kube-apiserver` identity (Cilium 1.20 `pkg/policy/api/entity.go`,
 * EntityKubeAPIServer), so `fromEntities: [kube-apiserver]` admits webhook calls from any
 * control-plane node while `remote-node` stays closed. Pods of the same namespace do NOT reach
 * each other: every chart-internal connection is a declared flow. `exempt` pods (one label each)
 * are left out with a `NotIn` expression (Cilium selectors are Kubernetes label selectors,
 * `pkg/policy/api/selector.go`).
 */
export function defaultDenyPolicy(cluster: string, namespace: string, exempt: readonly DefaultDenyExemption[] = []): CiliumNetworkPolicy {
  const mine = exempt.filter((e) => e.namespace === namespace);
  return new CiliumNetworkPolicy({
    metadata: { name: "flows-default-deny", namespace },
    spec: {
      description: `Default deny for namespace ${namespace} on cluster ${cluster}; the flows-* policies admit the declared flows.${mine.map((e) => ` Exempt: ${e.label[0]}=${e.label[1]} (${e.reason}).`).join("")}`,
      endpointSelector: mine.length === 0 ? {} : { matchExpressions: mine.map((e) => ({ key: e.label[0], operator: "NotIn" as const, values: [e.label[1]] })) },
      enableDefaultDeny: { ingress: true, egress: true },
      ingress: [{ fromEntities: ["host", "kube-apiserver"] }],
      egress: [
        {
          toEndpoints: [{ matchLabels: { [namespaceLabel]: "kube-system", [clusterLabel]: cluster, ...kubeDnsLabel } }],
          toPorts: [{ ports: [{ port: "53", protocol: "UDP" }, { port: "53", protocol: "TCP" }], rules: { dns: [{ matchPattern: "*" }] } }],
        },
        { toEntities: ["kube-apiserver"] },
      ],
    },
  });
}

function grouped(flows: readonly Flow[], side: "from" | "to", cluster: string): Map<string, { workload: Workload; flows: Flow[] }> {
  const groups = new Map<string, { workload: Workload; flows: Flow[] }>();
  for (const f of [...flows].sort((a, b) => flowKey(a).localeCompare(flowKey(b)))) {
    const workload = f[side];
    if (isEntity(workload) || workload.cluster !== cluster || workload.hostNetwork) continue;
    // The other end must be a workload or an entity the policy can name from this side.
    const key = `${workload.namespace}/${workload.name}`;
    const group = groups.get(key) ?? { workload, flows: [] };
    group.flows.push(f);
    groups.set(key, group);
  }
  return groups;
}

function owners(flows: readonly Flow[]): string {
  return [...new Set(flows.map((f) => f.owner))].sort().join(", ");
}

/**
 * The allow policies of one cluster, by namespace: for every workload of the cluster that
 * receives declared flows, one `flows-ingress-<workload>` policy with a rule per flow; for every
 * workload that opens them, one `flows-egress-<workload>`. Cross-cluster flows appear on both
 * clusters (egress at the source, ingress at the destination), matched by the cluster label.
 * The allow policies do not switch default deny on themselves; {@link defaultDenyPolicy} does.
 */
export function flowPolicies(cluster: string, flows: readonly Flow[]): Map<string, CiliumNetworkPolicy[]> {
  assertFlows(flows, `cluster ${cluster}`);
  const byNamespace = new Map<string, CiliumNetworkPolicy[]>();
  const add = (namespace: string, policy: CiliumNetworkPolicy) => byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), policy]);
  for (const [side, direction] of [["to", "ingress"], ["from", "egress"]] as const) {
    for (const { workload, flows: declared } of grouped(flows, side, cluster).values()) {
      add(
        workload.namespace,
        new CiliumNetworkPolicy({
          metadata: { name: `flows-${direction}-${workload.name}`, namespace: workload.namespace },
          spec: {
            description: `Declared flows ${side === "to" ? "into" : "out of"} ${workload.name} (owners: ${owners(declared)}).`,
            endpointSelector: { matchLabels: { ...workload.labels } },
            enableDefaultDeny: { ingress: false, egress: false },
            ...(direction === "ingress" ? { ingress: declared.map((f) => ingressRule(f.from, f.ports)) } : { egress: declared.map((f) => egressRule(f.to, f.ports)) }),
          },
        }),
      );
    }
  }
  return byNamespace;
}

/** Name of the component carrying a namespace's policies (one per namespace, in that namespace). */
export function flowsComponentName(namespace: string): string {
  return `flows-${namespace}`;
}

export interface NetworkFlowsProps {
  readonly cluster: string;
  /** Every namespace the cluster's components create, kube-system included; each gets the default deny. */
  readonly namespaces: readonly string[];
  /** Pods left outside their namespace's default deny, each with its reason. @default [] */
  readonly exempt?: readonly DefaultDenyExemption[];
  /** Every flow of the estate; the ones with an end on `cluster` produce policies here. */
  readonly flows: readonly Flow[];
  /** The Cilium component: its CRDs must exist before the policies apply. */
  readonly cilium: Ref;
}

/**
 * One component per namespace (`flows-<namespace>`, category `network`) with the namespace's
 * default deny and its allow policies, kube-system included (its host-network pods are outside
 * any CiliumNetworkPolicy; its pod-network pods get declared flows like every other namespace).
 * @throws UserError when a flow ends in a namespace the cluster does not create, naming the flows.
 */
export function networkFlows(props: NetworkFlowsProps): Component[] {
  const namespaces = [...new Set(props.namespaces)].sort();
  const policies = flowPolicies(props.cluster, props.flows);
  const strays = [...policies.keys()].filter((ns) => !namespaces.includes(ns));
  if (strays.length > 0) {
    throw new UserError(
      `cluster ${props.cluster}: network flows end in namespaces the cluster does not create`,
      strays.map((ns) => `namespace ${showValue(ns)}: ${props.flows.filter((f) => [f.from, f.to].some((p) => !isEntity(p) && p.cluster === props.cluster && p.namespace === ns)).map(flowKey).join("; ")}`),
    );
  }
  return namespaces.map((namespace) =>
    defineComponent({
      name: flowsComponentName(namespace),
      namespace,
      area: "infrastructure",
      category: "network",
      dependsOn: [props.cilium],
      stages: [{ name: "app", resources: [defaultDenyPolicy(props.cluster, namespace, props.exempt ?? []), ...(policies.get(namespace) ?? [])] }],
    }),
  );
}
