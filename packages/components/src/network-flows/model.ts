import { showValue, UserError } from "@k8s-gitops/core";

/**
 * A set of pods on one cluster of the estate, named the way Cilium sees them: the pod labels
 * the chart or operator puts on them, plus the namespace and the cluster (Cilium adds
 * `io.kubernetes.pod.namespace` and `io.cilium.k8s.policy.cluster` to every endpoint's labels).
 * `name` is unique per namespace and names the generated policies.
 */
export interface Workload {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** Pod labels that select exactly these pods (recorded with their source in the owner's `flows.ts`); empty: every pod of the namespace. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The pods run on the node's network (`hostNetwork: true`). Cilium does not manage them as
   * endpoints, so no CiliumNetworkPolicy selects them (Cilium docs, "Host Policies": host-network
   * pods carry the `host`/`remote-node` identity of their node). Flows into them are written as
   * egress rules to those entities at the source; nothing is written at their end.
   * @default false
   */
  readonly hostNetwork?: boolean;
}

/**
 * Peers Cilium identifies by reserved identity rather than labels (Cilium 1.20
 * `pkg/policy/api/entity.go`: `host`, `remote-node`, `kube-apiserver`, `ingress`, `world`).
 * `ingress` is the identity of the Envoy proxy behind Cilium's Gateway API implementation
 * (`pkg/labels`: `reserved:ingress`), so "from the Gateway" is `fromEntities: [ingress]`.
 * `cluster` is every identity of the local cluster (`entity.go`, InitEntities: host, remote-node,
 * init, health, unmanaged and every endpoint labelled with the cluster's name): the one source of
 * "every endpoint asks cluster DNS".
 */
export type FlowEntity = "host" | "remote-node" | "kube-apiserver" | "ingress" | "world" | "cluster";

/** An entity as seen from one cluster (the cluster whose policy names it). */
export interface EntityPeer {
  readonly entity: FlowEntity;
  readonly cluster: string;
}

export type FlowPeer = Workload | EntityPeer;

/** An L7 HTTP rule: Cilium matches `method` and `path` as extended POSIX regular expressions. */
export interface HttpRule {
  readonly method: string;
  readonly path: string;
}

export interface FlowPort {
  readonly port: number;
  /** Last port of a range `port..endPort` (Cilium `PortProtocol.EndPort`); the estate writes L7 rules on single ports only. */
  readonly endPort?: number;
  /** @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
  /** L7 rules; when set, only matching requests pass (Envoy enforces them). */
  readonly http?: readonly HttpRule[];
}

/**
 * One allowed connection: `from` may open a connection to `to` on `ports`. Declared by `owner`
 * (the component whose reference or chart needs it). `service` is the Service name `from`
 * addresses, so the reference check can match a host name in the rendered objects to its flow.
 */
export interface Flow {
  readonly owner: string;
  readonly from: FlowPeer;
  readonly to: FlowPeer;
  readonly ports: readonly FlowPort[];
  readonly service?: string;
  readonly reason: string;
}

export function isEntity(peer: FlowPeer): peer is EntityPeer {
  return "entity" in peer;
}

/** `cluster/namespace/name` or `cluster:entity`, the way tables and errors name a peer. */
export function peerKey(peer: FlowPeer): string {
  return isEntity(peer) ? `${peer.cluster}:${peer.entity}` : `${peer.cluster}/${peer.namespace}/${peer.name}`;
}

export function flowKey(flow: Flow): string {
  const ports = flow.ports.map((p) => `${p.port}${p.endPort ? `-${p.endPort}` : ""}/${p.protocol ?? "TCP"}${p.http ? `+${p.http.map((h) => `${h.method} ${h.path}`).join(",")}` : ""}`);
  return `${peerKey(flow.from)} -> ${peerKey(flow.to)} [${ports.join(" ")}]`;
}

/** A flow from `from` to the pods of `to` on the given TCP ports. */
export function flow(owner: string, from: FlowPeer, to: FlowPeer, ports: readonly (number | FlowPort)[], reason: string, service?: string): Flow {
  return {
    owner,
    from,
    to,
    ports: ports.map((p) => (typeof p === "number" ? { port: p } : p)),
    ...(service === undefined ? {} : { service }),
    reason,
  };
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// The Gateway's Envoy only ever opens connections to backends, and `cluster` (every local identity) only asks;
// the nodes are dialled too (kubelet, host-network exporters).
const entityOnlyAsSource: readonly FlowEntity[] = ["ingress", "cluster"];

/**
 * Every problem of a flow list at once, each naming the flow (its index and owner), the field
 * and the value: bad names and ports, an entity where Cilium cannot express it, two workloads of
 * one name with different labels, and flows both ends of which are entities.
 */
export function flowProblems(flows: readonly Flow[]): string[] {
  const problems: string[] = [];
  const workloads = new Map<string, string>();
  flows.forEach((f, index) => {
    const where = `flows[${index}] (owner ${showValue(f.owner)}, ${flowKey(f)})`;
    if (f.reason.trim() === "") problems.push(`${where}: reason: must say why the flow exists`);
    if (f.ports.length === 0) problems.push(`${where}: ports: at least one port (a flow admits exactly that port)`);
    for (const [i, p] of f.ports.entries()) {
      if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) problems.push(`${where}: ports[${i}].port: must be 1..65535, got ${showValue(p.port)}`);
      if (p.http && (p.protocol ?? "TCP") !== "TCP") problems.push(`${where}: ports[${i}].http: L7 HTTP rules need TCP`);
      if (p.endPort !== undefined && (!Number.isInteger(p.endPort) || p.endPort <= p.port || p.endPort > 65535)) problems.push(`${where}: ports[${i}].endPort: must be above port and at most 65535, got ${showValue(p.endPort)}`);
      if (p.endPort !== undefined && p.http) problems.push(`${where}: ports[${i}].http: no L7 rules on a port range (the estate redirects single ports to the proxy only)`);
    }
    if (isEntity(f.from) && isEntity(f.to)) problems.push(`${where}: from and to are both entities; a policy selects pods`);
    if (!isEntity(f.from) && f.from.hostNetwork && (isEntity(f.to) || f.to.hostNetwork)) problems.push(`${where}: from: host-network pods ${peerKey(f.from)} to ${peerKey(f.to)}: no policy can select either end`);
    if (!isEntity(f.from) && !isEntity(f.to) && f.to.hostNetwork && f.from.cluster !== f.to.cluster) problems.push(`${where}: to: host-network pods of another cluster have no identity a policy can name`);
    if (isEntity(f.to) && entityOnlyAsSource.includes(f.to.entity)) problems.push(`${where}: to.entity: ${showValue(f.to.entity)} can only be a source here`);
    if (isEntity(f.from) && !isEntity(f.to) && f.from.cluster !== f.to.cluster) problems.push(`${where}: from.cluster: an entity is seen by the destination's cluster ${showValue(f.to.cluster)}, got ${showValue(f.from.cluster)}`);
    if (isEntity(f.to) && !isEntity(f.from) && f.to.cluster !== f.from.cluster) problems.push(`${where}: to.cluster: an entity is seen by the source's cluster ${showValue(f.from.cluster)}, got ${showValue(f.to.cluster)}`);
    for (const side of ["from", "to"] as const) {
      const peer = f[side];
      if (isEntity(peer)) continue;
      for (const field of ["cluster", "namespace", "name"] as const) {
        if (!dnsLabel.test(peer[field])) problems.push(`${where}: ${side}.${field}: must be a DNS label, got ${showValue(peer[field])}`);
      }
      const key = peerKey(peer);
      const labels = JSON.stringify(Object.entries(peer.labels).sort(([a], [b]) => a.localeCompare(b)));
      const seen = workloads.get(key);
      if (seen !== undefined && seen !== labels) problems.push(`${where}: ${side}: workload ${key} is declared with two label sets, ${seen} and ${labels}`);
      workloads.set(key, labels);
    }
  });
  return problems;
}

export function assertFlows(flows: readonly Flow[], where: string): void {
  const problems = flowProblems(flows);
  if (problems.length > 0) throw new UserError(`${where}: invalid network flows`, problems);
}

/** Where a component's flows land: its cluster and namespace, and the VMAgent that scrapes the cluster. */
export interface FlowContext {
  readonly cluster: string;
  readonly namespace: string;
  readonly scraper: Workload;
}

/**
 * VMAgent scrapes `target` on `port`. Over plain HTTP only `GET <path>` passes (Envoy enforces the
 * L7 rule). A TLS endpoint gets L4 only: Cilium's HTTP rules need the proxy to read the request,
 * which it cannot inside TLS without TLS interception (Cilium docs, "TLS Interception"), so an L7
 * rule there would drop every scrape. `path` is the scrape object's path (default `/metrics`).
 */
export function scrapeFlow(owner: string, scraper: Workload, target: Workload, port: number, options: { readonly path?: string; readonly tls?: boolean; readonly what?: string } = {}): Flow {
  const path = options.path ?? "/metrics";
  const what = options.what ?? target.name;
  return options.tls
    ? flow(owner, scraper, target, [port], `VMAgent scrapes ${what} (TLS, so L4 only)`)
    : flow(owner, scraper, target, [{ port, http: [{ method: "GET", path }] }], `VMAgent scrapes ${what} (only GET ${path})`);
}
