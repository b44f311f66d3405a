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
}

/**
 * Peers Cilium identifies by reserved identity rather than labels (Cilium 1.20
 * `pkg/policy/api/entity.go`: `host`, `remote-node`, `kube-apiserver`, `ingress`, `world`).
 * `ingress` is the identity of the Envoy proxy behind Cilium's Gateway API implementation
 * (`pkg/labels`: `reserved:ingress`), so "from the Gateway" is `fromEntities: [ingress]`.
 */
export type FlowEntity = "host" | "remote-node" | "kube-apiserver" | "ingress" | "world";

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
  const ports = flow.ports.map((p) => `${p.port}/${p.protocol ?? "TCP"}${p.http ? `+${p.http.map((h) => `${h.method} ${h.path}`).join(",")}` : ""}`);
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
// The Gateway's Envoy only ever opens connections to backends; the nodes are dialled too (kubelet, host-network exporters).
const entityOnlyAsSource: readonly FlowEntity[] = ["ingress"];

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
    }
    if (isEntity(f.from) && isEntity(f.to)) problems.push(`${where}: from and to are both entities; a policy selects pods`);
    if (isEntity(f.to) && entityOnlyAsSource.includes(f.to.entity)) problems.push(`${where}: to.entity: ${showValue(f.to.entity)} can only be a source here`);
    if (isEntity(f.from) && f.from.entity === "world") problems.push(`${where}: from.entity: "world" is never admitted by a generated policy`);
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
