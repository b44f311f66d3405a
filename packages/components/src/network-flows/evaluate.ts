import { labelSelectorMatches } from "@k8s-gitops/core";
/**
 * An in-memory model of Cilium's policy decision for one connection, over the policy objects as
 * rendered (CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy JSON). It reproduces, for the
 * subset of the language the estate writes, what the agent computes (Cilium 1.20):
 * - default mode (`pkg/policy/repository.go`, `computePolicyEnforcementAndRules`): an endpoint
 *   enforces a direction once a selecting rule has that direction (or `enableDefaultDeny` true
 *   for it); `enableDefaultDeny: false` on a rule keeps it from switching enforcement on;
 * - a namespaced policy selects endpoints of its namespace only, and its peer selectors without a
 *   namespace label are limited to that namespace (`pkg/k8s/apis/cilium.io/utils/utils.go`,
 *   `getEndpointSelector` adds `k8s:io.kubernetes.pod.namespace`);
 * - peer selectors without `io.cilium.k8s.policy.cluster` select the local cluster only
 *   (`policy-default-local-cluster`, on by default since Cilium 1.19);
 * - entities (`pkg/policy/api/entity.go`): `all`, `world`, `cluster` (every peer of the local
 *   cluster), `host`, `remote-node`, `kube-apiserver`, `ingress`;
 * - L4: a rule without `toPorts` admits every port; `protocol` ANY or absent matches TCP and UDP;
 * - L7 HTTP (`pkg/policy/api/http.go`): method and path are anchored regular expressions.
 * - Kubernetes NetworkPolicies, translated the way Cilium does (see {@link networkPolicySpec});
 * Not modelled: deny rules, named ports, services selectors, node selectors, CIDR/FQDN peers (a rule with
 * only those never matches here, so a world destination may read denied where Cilium allows),
 * audit mode (which only logs what this says is denied).
 */

export interface EndpointPeer {
  readonly cluster: string;
  readonly namespace: string;
  /** Pod labels as the rendered pod template has them. */
  readonly labels: Readonly<Record<string, string>>;
}

export interface EntityEnd {
  readonly cluster: string;
  readonly entity: "host" | "remote-node" | "kube-apiserver" | "ingress" | "world" | "cluster";
}

export type End = EndpointPeer | EntityEnd;

export interface Connection {
  readonly from: End;
  readonly to: End;
  readonly port: number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
  /** The HTTP request, for ports with L7 rules. Without it, an L7-restricted port is denied. */
  readonly http?: { readonly method: string; readonly path: string };
}

export interface Verdict {
  readonly allowed: boolean;
  /** Which direction decided, and the policies that admitted or the reason it was denied. */
  readonly reason: string;
}

/** The policies Cilium would load on one cluster: CNP, CCNP and Kubernetes NetworkPolicy objects as plain JSON. */
export interface ClusterPolicies {
  readonly cluster: string;
  readonly policies: readonly unknown[];
}

type Json = Record<string, unknown>;
type Direction = "ingress" | "egress";

function isEntityEnd(end: End): end is EntityEnd {
  return "entity" in end;
}

const obj = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Drops Cilium's label source prefix (`k8s:`, `any:`); the estate's labels come from k8s. */
function bareKey(key: string): string {
  const match = /^(k8s|any|reserved|container):(.*)$/.exec(key);
  return match ? match[2]! : key;
}

function endpointLabels(end: EndpointPeer): Record<string, string> {
  return { ...end.labels, "io.kubernetes.pod.namespace": end.namespace, "io.cilium.k8s.policy.cluster": end.cluster };
}

/** A Kubernetes label selector against an endpoint's labels; Cilium's source prefixes (`k8s:`) are dropped from the keys. */
function selects(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  return labelSelectorMatches(selector, labels, bareKey);
}

function selectorKeys(selector: unknown): string[] {
  const s = obj(selector);
  return [...Object.keys(obj(s.matchLabels)), ...arr(s.matchExpressions).map((e) => String(obj(e).key))].map(bareKey);
}

/**
 * Whether a peer selector of a rule matches the peer. In a namespaced policy the namespace is
 * implied when the selector names none; the cluster is the policy's own when it names none.
 */
function peerSelected(selector: unknown, peer: EndpointPeer, policyNamespace: string | undefined, policyCluster: string): boolean {
  const keys = selectorKeys(selector);
  if (policyNamespace !== undefined && !keys.includes("io.kubernetes.pod.namespace") && peer.namespace !== policyNamespace) return false;
  if (!keys.includes("io.cilium.k8s.policy.cluster") && peer.cluster !== policyCluster) return false;
  return selects(selector, endpointLabels(peer));
}

function entityMatches(entities: readonly unknown[], peer: End, policyCluster: string): boolean {
  return entities.some((entity) => {
    if (entity === "all") return true;
    if (isEntityEnd(peer)) {
      if (entity === peer.entity) return true;
      // `cluster` is every identity inside the local cluster (Cilium: host, remote-node, init, health, unmanaged, kube-apiserver, ingress, local pods).
      return entity === "cluster" && peer.entity !== "world" && peer.cluster === policyCluster;
    }
    if (entity === "cluster") return peer.cluster === policyCluster;
    // Pods of another cluster in the mesh are not `world`: they carry a cluster identity.
    return false;
  });
}

function regexMatches(pattern: unknown, value: string): boolean {
  if (pattern === undefined) return true;
  return new RegExp(`^(?:${String(pattern)})$`).test(value);
}

function portsMatch(toPorts: unknown, connection: Connection): boolean {
  const entries = arr(toPorts);
  if (entries.length === 0) return true;
  const protocol = connection.protocol ?? "TCP";
  return entries.some((entry) => {
    const e = obj(entry);
    const l4 = arr(e.ports).some((p) => {
      const port = obj(p);
      const number = Number(port.port);
      const end = port.endPort === undefined ? number : Number(port.endPort);
      const proto = port.protocol ?? "ANY";
      return (number === 0 || (connection.port >= number && connection.port <= end)) && (proto === "ANY" || proto === protocol);
    });
    if (!l4) return false;
    const http = arr(obj(e.rules).http);
    if (http.length === 0) return true;
    const request = connection.http;
    if (!request) return false;
    return http.some((rule) => regexMatches(obj(rule).method, request.method) && regexMatches(obj(rule).path, request.path));
  });
}

interface LoadedPolicy {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly specs: readonly Json[];
}

/** A NetworkPolicy peer as the Cilium selector it becomes (namespace by its `kubernetes.io/metadata.name` label only). */
function networkPolicyPeer(peer: Json, namespace: string, where: string): Json {
  const pods = obj(peer.podSelector);
  if (peer.ipBlock !== undefined) return { cidr: true };
  if (peer.namespaceSelector === undefined) return { selector: { ...pods, matchLabels: { ...obj(pods.matchLabels), "io.kubernetes.pod.namespace": namespace } } };
  const namespaces = obj(peer.namespaceSelector);
  const names = obj(namespaces.matchLabels);
  const other = Object.keys(names).filter((k) => k !== "kubernetes.io/metadata.name");
  if (other.length > 0 || arr(namespaces.matchExpressions).length > 0) throw new Error(`evaluator: ${where} selects namespaces by ${JSON.stringify(namespaces)}; only kubernetes.io/metadata.name is modelled`);
  const name = names["kubernetes.io/metadata.name"];
  const namespaceTerm = name === undefined ? { matchExpressions: [...arr(pods.matchExpressions), { key: "io.kubernetes.pod.namespace", operator: "Exists" }] } : { matchExpressions: arr(pods.matchExpressions) };
  return { selector: { ...namespaceTerm, matchLabels: { ...obj(pods.matchLabels), ...(name === undefined ? {} : { "io.kubernetes.pod.namespace": name }) } } };
}

/**
 * A Kubernetes NetworkPolicy as the Cilium rule it becomes (Cilium `pkg/k8s/network_policy.go`,
 * ParseNetworkPolicy): the podSelector selects endpoints of its namespace; each listed
 * policyType enforces its direction; a rule without peers admits every peer, a peer without
 * namespaceSelector means the policy's namespace; peers and ports of a rule are both required.
 * Peers are of the local cluster (`policy-default-local-cluster`). Named ports are refused.
 */
function networkPolicySpec(policy: Json, namespace: string, name: string): Json {
  const spec = obj(policy.spec);
  const types = arr(spec.policyTypes).map(String);
  const directions: Direction[] = types.length > 0 ? (types.map((t) => t.toLowerCase()) as Direction[]) : ["ingress", ...(spec.egress !== undefined ? (["egress"] as const) : [])];
  const out: Json = { endpointSelector: spec.podSelector ?? {}, enableDefaultDeny: Object.fromEntries(directions.map((d) => [d, true])) };
  for (const direction of directions) {
    const peersKey = direction === "ingress" ? "from" : "to";
    out[direction] = arr(spec[direction]).map((r, i) => {
      const rule = obj(r);
      const where = `NetworkPolicy ${namespace}/${name} ${direction}[${i}]`;
      const peers = arr(rule[peersKey]).map((peer) => networkPolicyPeer(obj(peer), namespace, where));
      const ports = arr(rule.ports).map((p) => {
        const port = obj(p);
        if (typeof port.port === "string" && !/^\d+$/.test(port.port)) throw new Error(`evaluator: ${where} names port ${port.port}; named ports are not modelled`);
        return { port: String(port.port ?? 0), ...(port.endPort === undefined ? {} : { endPort: port.endPort }), protocol: port.protocol ?? "TCP" };
      });
      const selectors = peers.filter((peer) => peer.selector !== undefined).map((peer) => peer.selector);
      const l3 =
        peers.length === 0
          ? { [direction === "ingress" ? "fromEntities" : "toEntities"]: ["all"] }
          : { [direction === "ingress" ? "fromEndpoints" : "toEndpoints"]: selectors, ...(peers.some((peer) => peer.cidr) ? { [direction === "ingress" ? "fromCIDRSet" : "toCIDRSet"]: [{}] } : {}) };
      return { ...l3, ...(ports.length > 0 ? { toPorts: [{ ports }] } : {}) };
    });
  }
  return out;
}

function load(policies: readonly unknown[]): LoadedPolicy[] {
  return policies.map((p) => {
    const policy = obj(p);
    const metadata = obj(policy.metadata);
    if (policy.kind === "NetworkPolicy") {
      const namespace = String(metadata.namespace ?? "");
      if (namespace === "") throw new Error(`evaluator: NetworkPolicy ${String(metadata.name)} has no namespace`);
      return { name: `${namespace}/${String(metadata.name)} (NetworkPolicy)`, namespace, specs: [networkPolicySpec(policy, namespace, String(metadata.name))] };
    }
    if (policy.kind !== "CiliumNetworkPolicy" && policy.kind !== "CiliumClusterwideNetworkPolicy") throw new Error(`evaluator: not a Cilium policy: ${String(policy.kind)}`);
    const namespace = policy.kind === "CiliumNetworkPolicy" ? String(metadata.namespace ?? "") : undefined;
    if (namespace === "") throw new Error(`evaluator: CiliumNetworkPolicy ${String(metadata.name)} has no namespace`);
    const specs = [...(policy.spec ? [obj(policy.spec)] : []), ...arr(policy.specs).map(obj)];
    return { name: `${policy.kind === "CiliumNetworkPolicy" ? `${namespace}/` : ""}${String(metadata.name)}`, namespace, specs };
  });
}

/** The decision of one direction at one endpoint: not enforced, admitted (by which policies) or denied. */
function decide(direction: Direction, subject: EndpointPeer, peer: End, connection: Connection, policies: readonly LoadedPolicy[], cluster: string): { enforced: boolean; by: string[] } {
  let enforced = false;
  const by: string[] = [];
  const rulesKey = direction;
  const peersKey = direction === "ingress" ? "fromEndpoints" : "toEndpoints";
  const entitiesKey = direction === "ingress" ? "fromEntities" : "toEntities";
  for (const policy of policies) {
    if (policy.namespace !== undefined && policy.namespace !== subject.namespace) continue;
    for (const spec of policy.specs) {
      if (!("endpointSelector" in spec)) continue;
      if (!selects(spec.endpointSelector, endpointLabels(subject))) continue;
      const rules = arr(spec[rulesKey]);
      const defaultDeny = obj(spec.enableDefaultDeny)[direction];
      if ((rules.length > 0 || spec[`${direction}Deny`] !== undefined) && defaultDeny !== false) enforced = true;
      if (defaultDeny === true) enforced = true;
      for (const rule of rules.map(obj)) {
        const selectors = arr(rule[peersKey]);
        const entities = arr(rule[entitiesKey]);
        // CIDR and FQDN peers are outside the cluster: they never match a pod or a reserved
        // identity, and which world address a name resolves to is not modelled (never matched).
        const external = ["toFQDNs", "toCIDR", "toCIDRSet", "fromCIDR", "fromCIDRSet"].some((key) => arr(rule[key]).length > 0);
        if (external && selectors.length === 0 && entities.length === 0) continue;
        if (selectors.length === 0 && entities.length === 0) {
          throw new Error(`evaluator: ${policy.name} has a ${direction} rule without endpoints or entities; the estate never writes one (it would admit every peer)`);
        }
        const l3 = isEntityEnd(peer) ? entityMatches(entities, peer, cluster) : selectors.some((s) => peerSelected(s, peer, policy.namespace, cluster)) || entityMatches(entities, peer, cluster);
        if (l3 && portsMatch(rule.toPorts, connection)) by.push(policy.name);
      }
    }
  }
  return { enforced, by: [...new Set(by)] };
}

/**
 * May `from` open `connection` to `to`? Egress is decided by the source cluster's policies at the
 * source pod, ingress by the destination cluster's policies at the destination pod; both must
 * admit (or not enforce). Entities have no policy of their own.
 */
export function evaluate(clusters: readonly ClusterPolicies[], connection: Connection): Verdict {
  const loaded = new Map(clusters.map((c) => [c.cluster, load(c.policies)]));
  const policiesOf = (cluster: string): LoadedPolicy[] => {
    const found = loaded.get(cluster);
    if (!found) throw new Error(`evaluator: no policies for cluster ${JSON.stringify(cluster)}`);
    return found;
  };
  const reasons: string[] = [];
  for (const direction of ["egress", "ingress"] as const) {
    const subject = direction === "egress" ? connection.from : connection.to;
    const peer = direction === "egress" ? connection.to : connection.from;
    if (isEntityEnd(subject)) continue;
    const { enforced, by } = decide(direction, subject, peer, connection, policiesOf(subject.cluster), subject.cluster);
    if (!enforced) {
      reasons.push(`${direction} not enforced`);
      continue;
    }
    if (by.length === 0) return { allowed: false, reason: `${direction} denied at ${subject.cluster}/${subject.namespace}` };
    reasons.push(`${direction} by ${by.join(", ")}`);
  }
  return { allowed: true, reason: reasons.join("; ") };
}
