import { ref } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { evaluate, type ClusterPolicies, type Connection } from "./evaluate.js";
import { flow, scrapeFlow, type Flow, type Workload } from "./model.js";
import { defaultDenyPolicy, flowPolicies, networkFlows } from "./policies.js";

const db: Workload = { cluster: "infra", namespace: "databases", name: "pg", labels: { "cnpg.io/cluster": "pg" } };
const app: Workload = { cluster: "apps", namespace: "shop", name: "api", labels: { app: "api" } };
const local: Workload = { cluster: "infra", namespace: "web", name: "web", labels: { app: "web" } };
const flows: Flow[] = [
  flow("shop", app, db, [5432], "the shop's database", "pg-rw"),
  flow("web", { entity: "ingress", cluster: "infra" }, local, [8080], "routed by the Gateway"),
  flow("web", local, db, [{ port: 9187, http: [{ method: "GET", path: "/metrics" }] }], "scrape"),
];

function policiesOf(cluster: string, namespaces: string[], declared: readonly Flow[]): ClusterPolicies {
  const byNamespace = flowPolicies(cluster, declared);
  return {
    cluster,
    policies: [...namespaces.map((ns) => defaultDenyPolicy(cluster, ns)), ...[...byNamespace.values()].flat()].map((p) => JSON.parse(JSON.stringify(p))),
  };
}

type PolicyJson = { metadata: { name: string }; spec: { endpointSelector?: unknown; description?: string; ingress?: unknown; egress?: unknown } };
const json = (policy: unknown): PolicyJson => JSON.parse(JSON.stringify(policy));
const estate = (declared: readonly Flow[] = flows) => [policiesOf("infra", ["databases", "web"], declared), policiesOf("apps", ["shop"], declared)];
const pod = (w: Workload, extra: Record<string, string> = {}) => ({ cluster: w.cluster, namespace: w.namespace, labels: { ...w.labels, ...extra } });
const allowed = (connection: Connection, declared?: readonly Flow[]) => evaluate(estate(declared), connection).allowed;

describe("flowPolicies", () => {
  it("GIVEN a cross-cluster flow THEN the source cluster gets the egress rule and the destination cluster the ingress rule, both naming the peer's cluster", () => {
    const egress = flowPolicies("apps", flows).get("shop")!.map((p) => p.toJSON());
    const ingress = flowPolicies("infra", flows).get("databases")!.map((p) => p.toJSON());
    expect(egress).toMatchObject([{ metadata: { name: "flows-egress-api" }, spec: { egress: [{ toEndpoints: [{ matchLabels: { "io.cilium.k8s.policy.cluster": "infra", "io.kubernetes.pod.namespace": "databases" } }] }] } }]);
    expect(ingress[0]).toMatchObject({ metadata: { name: "flows-ingress-pg" }, spec: { ingress: [{ fromEndpoints: [{ matchLabels: { app: "api", "io.cilium.k8s.policy.cluster": "apps" } }] }, {}] } });
  });

  it("GIVEN a flow with an invalid port and a workload declared with two label sets THEN one UserError lists both, naming the flow", () => {
    const bad = [flow("x", app, db, [70000], "r"), flow("y", { ...app, labels: { app: "other" } }, db, [1], "r")];
    expect(() => flowPolicies("apps", bad)).toThrow(/flows\[0\][\s\S]*ports\[0\]\.port: must be 1\.\.65535, got 70000[\s\S]*flows\[1\][\s\S]*two label sets/);
  });

  it("GIVEN a flow into a namespace the cluster does not create THEN networkFlows refuses it, naming the namespace and the flow", () => {
    expect(() => networkFlows({ cluster: "infra", namespaces: ["web"], flows, cilium: { name: "cilium", namespace: "kube-system" } })).toThrow(/namespace "databases": apps\/shop\/api -> infra\/databases\/pg/);
  });

  it("GIVEN the namespaces of a cluster THEN every namespace, kube-system included, gets one component with its default deny", () => {
    const components = networkFlows({ cluster: "infra", namespaces: ["web", "databases", "kube-system", "web"], flows, cilium: ref({ name: "cilium", namespace: "kube-system", stages: [{ name: "app" }] } as never, "app") });
    expect(components.map((c) => [c.name, c.namespace, c.stages[0]!.resources.map((r) => r.metadata?.name)])).toEqual([
      ["flows-databases", "databases", ["flows-default-deny", "flows-ingress-pg"]],
      ["flows-kube-system", "kube-system", ["flows-default-deny"]],
      ["flows-web", "web", ["flows-default-deny", "flows-ingress-web", "flows-egress-web"]],
    ]);
  });

  it("GIVEN an exemption THEN the namespace's default deny leaves exactly the pods with that label out (NotIn) and says why", () => {
    const policy = defaultDenyPolicy("infra", "kube-system", [{ namespace: "kube-system", label: ["k8s-app", "mesh"], reason: "peer connects before identities" }, { namespace: "web", label: ["app", "x"], reason: "other namespace" }]);
    expect(json(policy).spec.endpointSelector).toEqual({ matchExpressions: [{ key: "k8s-app", operator: "NotIn", values: ["mesh"] }] });
    expect(json(policy).spec.description).toContain("Exempt: k8s-app=mesh (peer connects before identities)");
    const exempt = evaluate([{ cluster: "infra", policies: [JSON.parse(JSON.stringify(policy))] }], { from: { entity: "world", cluster: "infra" }, to: { cluster: "infra", namespace: "kube-system", labels: { "k8s-app": "mesh" } }, port: 2379 });
    expect(exempt.allowed).toBe(true);
  });

  it("GIVEN flows to and from host-network pods THEN no policy selects them and the peer's rule names the nodes (host, remote-node) on the flow's ports", () => {
    const exporter: Workload = { cluster: "infra", namespace: "web", name: "exporter", labels: { app: "exporter" }, hostNetwork: true };
    const policies = flowPolicies("infra", [flow("web", local, exporter, [9100], "scrape"), flow("web", exporter, local, [8080], "push")]).get("web")!.map(json);
    expect(policies.map((p) => p.metadata.name)).toEqual(["flows-ingress-web", "flows-egress-web"]);
    expect(policies[0]!.spec.ingress).toEqual([{ fromEntities: ["host", "remote-node"], toPorts: [{ ports: [{ port: "8080", protocol: "TCP" }] }] }]);
    expect(policies[1]!.spec.egress).toEqual([{ toEntities: ["host", "remote-node"], toPorts: [{ ports: [{ port: "9100", protocol: "TCP" }] }] }]);
  });

  it("GIVEN a port range THEN the rule carries endPort and the evaluator admits the range's ports only; L7 rules on a range are refused", () => {
    const ranged = [flow("web", local, app, [{ port: 6800, endPort: 6999 }], "range")];
    expect(json(flowPolicies("infra", ranged).get("web")![0]!).spec.egress).toEqual([{ toEndpoints: [expect.anything()], toPorts: [{ ports: [{ port: "6800", endPort: 6999, protocol: "TCP" }] }] }]);
    const policies = [{ cluster: "infra", policies: [...flowPolicies("infra", ranged).values()].flat().concat([defaultDenyPolicy("infra", "web")]).map((p) => JSON.parse(JSON.stringify(p))) }, { cluster: "apps", policies: [] }];
    expect(evaluate(policies, { from: pod(local), to: pod(app), port: 6900 }).allowed).toBe(true);
    expect(evaluate(policies, { from: pod(local), to: pod(app), port: 7000 }).allowed).toBe(false);
    expect(() => flowPolicies("infra", [flow("web", local, app, [{ port: 1, endPort: 2, http: [{ method: "GET", path: "/" }] }], "r")])).toThrow(/no L7 rules on a port range/);
  });
});

describe("scrapeFlow", () => {
  it("GIVEN a plain HTTP endpoint THEN only GET of the scrape path passes; GIVEN a TLS endpoint THEN the flow is L4 only (Envoy cannot read the request)", () => {
    expect(scrapeFlow("web", local, db, 9187, { path: "/stats" }).ports).toEqual([{ port: 9187, http: [{ method: "GET", path: "/stats" }] }]);
    expect(scrapeFlow("web", local, db, 9187).ports).toEqual([{ port: 9187, http: [{ method: "GET", path: "/metrics" }] }]);
    expect(scrapeFlow("web", local, db, 10250, { tls: true }).ports).toEqual([{ port: 10250 }]);
  });
});

describe("evaluate", () => {
  it("GIVEN declared flows THEN each is allowed, across clusters, from the Gateway and on the L7 path", () => {
    expect(allowed({ from: pod(app), to: pod(db), port: 5432 })).toBe(true);
    expect(allowed({ from: { entity: "ingress", cluster: "infra" }, to: pod(local), port: 8080 })).toBe(true);
    expect(allowed({ from: pod(local), to: pod(db), port: 9187, http: { method: "GET", path: "/metrics" } })).toBe(true);
  });

  it("GIVEN the default deny THEN other ports, other paths, other namespaces and the same labels on another cluster are denied", () => {
    expect(allowed({ from: pod(app), to: pod(db), port: 5433 })).toBe(false);
    expect(allowed({ from: pod(local), to: pod(db), port: 9187, http: { method: "GET", path: "/metrics/../admin" } })).toBe(false);
    expect(allowed({ from: pod(local), to: pod(db), port: 9187 })).toBe(false);
    expect(allowed({ from: { ...pod(app), cluster: "infra" }, to: pod(db), port: 5432 })).toBe(false);
    expect(allowed({ from: { entity: "ingress", cluster: "infra" }, to: pod(db), port: 5432 })).toBe(false);
    expect(allowed({ from: { entity: "world", cluster: "infra" }, to: pod(local), port: 8080 })).toBe(false);
  });

  it("GIVEN one flow removed THEN exactly that connection flips to denied and the others stay allowed", () => {
    const without = flows.slice(1);
    expect(allowed({ from: pod(app), to: pod(db), port: 5432 }, without)).toBe(false);
    expect(allowed({ from: { entity: "ingress", cluster: "infra" }, to: pod(local), port: 8080 }, without)).toBe(true);
  });

  it("GIVEN a namespace without any policy THEN Cilium's default mode allows, and pods of the same namespace do NOT reach each other under the default deny", () => {
    const open = { cluster: "infra", namespace: "elsewhere", labels: { app: "x" } };
    expect(allowed({ from: open, to: { ...open, labels: { app: "y" } }, port: 1 })).toBe(true);
    expect(allowed({ from: pod(db, { other: "1" }), to: pod(db), port: 1234 })).toBe(false);
    expect(allowed({ from: pod(db), to: pod(db), port: 5432 })).toBe(false);
    expect(allowed({ from: open, to: pod(db), port: 5432 })).toBe(false);
  });

  it("GIVEN a rule with neither endpoints nor entities THEN the evaluator refuses it instead of guessing (Cilium would admit every peer)", () => {
    const policy = { apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy", metadata: { name: "open", namespace: "web" }, spec: { endpointSelector: {}, ingress: [{}] } };
    expect(() => evaluate([{ cluster: "infra", policies: [policy] }], { from: pod(db), to: pod(local), port: 1 })).toThrow(/web\/open has a ingress rule without endpoints or entities/);
  });

  it("GIVEN a rule with only FQDN peers THEN it admits no pod and no entity (outside-cluster peers are not modelled)", () => {
    const policy = { apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy", metadata: { name: "github", namespace: "web" }, spec: { endpointSelector: {}, egress: [{ toFQDNs: [{ matchName: "github.com" }] }] } };
    expect(evaluate([{ cluster: "infra", policies: [policy] }], { from: pod(local), to: pod(db), port: 443 }).allowed).toBe(false);
    expect(evaluate([{ cluster: "infra", policies: [policy] }], { from: pod(local), to: { entity: "world", cluster: "infra" }, port: 443 }).allowed).toBe(false);
  });

  it("GIVEN a Kubernetes NetworkPolicy THEN it is evaluated as Cilium translates it: its namespace's pods, peers by pod and namespace name, ports; named ports are refused", () => {
    const np = (ingress: unknown[]) => ({ apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name: "cache", namespace: "web" }, spec: { podSelector: { matchLabels: { app: "cache" } }, policyTypes: ["Ingress"], ingress } });
    const policies = [np([{ from: [{ podSelector: {} }], ports: [{ port: 6379, protocol: "TCP" }] }, { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ops" } } }], ports: [{ port: 9999 }] }])];
    const cache = { cluster: "infra", namespace: "web", labels: { app: "cache" } };
    const at = (from: Connection["from"], port: number) => evaluate([{ cluster: "infra", policies }], { from, to: cache, port }).allowed;
    expect(at({ cluster: "infra", namespace: "web", labels: { app: "any" } }, 6379)).toBe(true);
    expect(at({ cluster: "infra", namespace: "web", labels: { app: "any" } }, 9999)).toBe(false);
    expect(at({ cluster: "infra", namespace: "ops", labels: {} }, 9999)).toBe(true);
    expect(at({ cluster: "infra", namespace: "other", labels: {} }, 6379)).toBe(false);
    expect(() => evaluate([{ cluster: "infra", policies: [np([{ ports: [{ port: "redis" }] }])] }], { from: pod(local), to: cache, port: 1 })).toThrow(/named ports are not modelled/);
  });

  it("GIVEN a clusterwide policy THEN it selects pods of every namespace", () => {
    const policy = { apiVersion: "cilium.io/v2", kind: "CiliumClusterwideNetworkPolicy", metadata: { name: "deny-all-ingress" }, spec: { endpointSelector: {}, enableDefaultDeny: { ingress: true } } };
    expect(evaluate([{ cluster: "infra", policies: [policy] }], { from: pod(db), to: pod(local), port: 1 }).allowed).toBe(false);
  });
});
