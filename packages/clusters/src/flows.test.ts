import { defaultDenyPolicy, evaluate, flowKey, flowsDoc, flowPolicies, isEntity, networkReferences, referenceProblems, type ClusterPolicies, type Connection, type End, type Flow, type FlowPeer } from "@k8s-gitops/components/network-flows";
import { isModelResource, type Cluster, type Resource } from "@k8s-gitops/core";
import { mermaidBlocks, parseFlowchart } from "@k8s-gitops/core/docs/testing";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { buildClusters } from "./estate.js";
import { openTenantAllowances } from "./flows.js";
import { inventoryPaths, loadInventories } from "./inventory.js";

type Built = Cluster & { readonly flows: readonly Flow[] };
let clusters: Built[];
let flows: readonly Flow[];

const policyKinds = new Set(["CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy", "NetworkPolicy"]);
const toJson = (resource: Resource): Record<string, unknown> => JSON.parse(JSON.stringify(isModelResource(resource) ? resource.toJSON() : resource));

/**
 * The policies Cilium loads on one cluster, as Flux applies them: every Cilium policy of every
 * stage, and of the kustomize Components a stage includes, in the namespace the stage's Flux
 * Kustomization forces (`spec.targetNamespace` overrides every namespaced object's namespace).
 */
function appliedPolicies(cluster: Cluster): ClusterPolicies {
  const policies = cluster.components.flatMap((component) =>
    component.stages.flatMap((stage) => {
      const included = (stage.kustomizeComponents ?? []).flatMap((name) => component.shared?.find((t) => t.type === "component" && t.name === name)?.resources ?? []);
      return [...stage.resources, ...included]
        .filter((r) => policyKinds.has(r.kind))
        .map((r) => {
          const doc = toJson(r);
          return r.kind === "CiliumClusterwideNetworkPolicy" ? doc : { ...doc, metadata: { ...(doc.metadata as object), namespace: component.namespace } };
        });
    }),
  );
  return { cluster: cluster.name, policies };
}

/** A host-network workload is its node to Cilium: `remote-node` seen from a pod elsewhere. A flow from `cluster` (every local identity) is exercised from a tenant pod. */
const end = (peer: FlowPeer): End => {
  if (isEntity(peer)) return peer.entity === "cluster" ? { cluster: peer.cluster, namespace: "team-b", labels: { app: "any" } } : peer;
  return peer.hostNetwork ? { entity: "remote-node", cluster: peer.cluster } : { cluster: peer.cluster, namespace: peer.namespace, labels: peer.labels };
};

/** One connection per declared port; an L7 port is exercised with its first literal request. */
function connections(flow: Flow): Connection[] {
  return flow.ports.map((p) => ({
    from: end(flow.from),
    to: end(flow.to),
    port: p.port,
    protocol: p.protocol ?? "TCP",
    ...(p.http ? { http: { method: p.http[0]!.method, path: p.http[0]!.path } } : {}),
  }));
}

function workloadOf(name: string): End {
  for (const f of flows) {
    for (const peer of [f.from, f.to]) if (!isEntity(peer) && `${peer.cluster}/${peer.namespace}/${peer.name}` === name) return end(peer);
  }
  throw new Error(`no declared workload ${name}`);
}

beforeAll(async () => {
  clusters = buildClusters(await loadInventories(inventoryPaths)) as Built[];
  flows = clusters[0]!.flows;
});

describe("network flows of the estate", () => {
  it("GIVEN the estate THEN every declared flow is allowed by the policies both clusters apply, and a sample of undeclared flows is denied", () => {
    const applied = clusters.map(appliedPolicies);
    const declared = flows.flatMap(connections);
    const refused = declared.map((c) => ({ c, verdict: evaluate(applied, c) })).filter((r) => !r.verdict.allowed);
    expect(refused.map((r) => `${JSON.stringify(r.c)}: ${r.verdict.reason}`)).toEqual([]);

    const tenantPod: End = { cluster: "apps", namespace: "team-a", labels: { app: "web" } };
    const undeclared: [string, Connection][] = [
      ["tenant namespace -> shared Postgres", { from: tenantPod, to: workloadOf("infra/databases/postgres-shared"), port: 5432 }],
      ["tenant namespace -> other tenant", { from: tenantPod, to: { cluster: "apps", namespace: "team-b", labels: { app: "web" } }, port: 8080 }],
      ["apps GitLab -> Keycloak management port", { from: workloadOf("apps/gitlab/gitlab-webservice"), to: workloadOf("infra/keycloak/keycloak"), port: 9000, http: { method: "GET", path: "/metrics" } }],
      ["apps VMAgent -> Keycloak management port", { from: workloadOf("apps/observability/vmagent-vmagent"), to: workloadOf("infra/keycloak/keycloak"), port: 9000, http: { method: "GET", path: "/metrics" } }],
      ["infra VMAgent -> Keycloak management port, not /metrics", { from: workloadOf("infra/observability/vmagent-vmagent"), to: workloadOf("infra/keycloak/keycloak"), port: 9000, http: { method: "GET", path: "/admin/master/console" } }],
      ["internet -> Keycloak, not through the Gateway", { from: { entity: "world", cluster: "infra" }, to: workloadOf("infra/keycloak/keycloak"), port: 8080 }],
      ["Grafana -> Ceph dashboard", { from: workloadOf("infra/observability/grafana"), to: workloadOf("infra/rook-ceph/ceph-mgr"), port: 7000 }],
      ["Keycloak -> Ceph dashboard", { from: workloadOf("infra/keycloak/keycloak"), to: workloadOf("infra/rook-ceph/ceph-mgr"), port: 7000 }],
      ["apps GitLab -> apps Ceph dashboard", { from: workloadOf("apps/gitlab/gitlab-webservice"), to: workloadOf("apps/rook-ceph/ceph-mgr"), port: 7000 }],
      ["RGW -> Ceph dashboard (same namespace, Ceph ports only)", { from: workloadOf("infra/rook-ceph/rgw-ceph-objectstore"), to: workloadOf("infra/rook-ceph/ceph-mgr"), port: 7000 }],
      ["Keycloak -> Keycloak on its HTTP port (same namespace, only JGroups)", { from: workloadOf("infra/keycloak/keycloak"), to: workloadOf("infra/keycloak/keycloak"), port: 8080 }],
      ["Grafana -> Alertmanager (same namespace, undeclared)", { from: workloadOf("infra/observability/grafana"), to: workloadOf("infra/observability/vmalertmanager-alertmanager"), port: 9093 }],
      ["Harbor portal -> Harbor core (same namespace, undeclared)", { from: workloadOf("apps/harbor/harbor-portal"), to: workloadOf("apps/harbor/harbor-core"), port: 8080 }],
      ["external-secrets webhook -> 1Password Connect (same namespace)", { from: workloadOf("apps/external-secrets/external-secrets-webhook"), to: workloadOf("apps/external-secrets/onepassword-connect"), port: 8080 }],
      ["tenant -> hubble-relay", { from: tenantPod, to: workloadOf("apps/kube-system/hubble-relay"), port: 4245 }],
      ["tenant -> metrics-server", { from: tenantPod, to: workloadOf("apps/kube-system/metrics-server"), port: 10250 }],
      ["tenant -> CoreDNS metrics", { from: tenantPod, to: workloadOf("apps/kube-system/coredns"), port: 9153 }],
      ["infra pod -> apps CoreDNS (the other cluster is not `cluster`)", { from: workloadOf("infra/keycloak/keycloak"), to: workloadOf("apps/kube-system/coredns"), port: 53, protocol: "UDP" }],
      ["CoreDNS -> kubelet", { from: workloadOf("infra/kube-system/coredns"), to: { entity: "remote-node", cluster: "infra" }, port: 10250 }],
      ["VMAgent -> Grafana, not /metrics", { from: workloadOf("infra/observability/vmagent-vmagent"), to: workloadOf("infra/observability/grafana"), port: 3000, http: { method: "GET", path: "/api/admin/users" } }],
      ["apps Harbor -> Postgres instance manager", { from: workloadOf("apps/harbor/harbor-core"), to: workloadOf("infra/databases/postgres-shared"), port: 8000 }],
      ["GitLab -> Harbor's cache", { from: workloadOf("apps/gitlab/gitlab-webservice"), to: workloadOf("apps/harbor/harbor-dragonfly"), port: 6379 }],
      ["apps GitLab -> VictoriaMetrics", { from: workloadOf("apps/gitlab/gitlab-webservice"), to: workloadOf("infra/observability/vmsingle-victoria-metrics"), port: 8428 }],
      ["apps VMAgent -> VictoriaMetrics query API", { from: workloadOf("apps/observability/vmagent-vmagent"), to: workloadOf("infra/observability/vmsingle-victoria-metrics"), port: 8428, http: { method: "GET", path: "/api/v1/query" } }],
      ["apps VMAgent -> node-exporter, not /metrics", { from: workloadOf("apps/observability/vmagent-vmagent"), to: { entity: "remote-node", cluster: "apps" }, port: 9100, http: { method: "GET", path: "/debug/pprof" } }],
      ["Grafana -> kubelet", { from: workloadOf("infra/observability/grafana"), to: { entity: "remote-node", cluster: "infra" }, port: 10250 }],
      ["tenant -> Kafka on another port", { from: tenantPod, to: { cluster: "apps", namespace: "kafka", labels: { "strimzi.io/cluster": "events" } }, port: 9094 }],
      ["other tenant -> Kafka", { from: { cluster: "apps", namespace: "team-b", labels: { app: "web" } }, to: { cluster: "apps", namespace: "kafka", labels: { "strimzi.io/cluster": "events" } }, port: 9092 }],
      ["Gateway -> Postgres", { from: { entity: "ingress", cluster: "infra" }, to: workloadOf("infra/databases/postgres-shared"), port: 5432 }],
    ];
    const wronglyAllowed = undeclared.filter(([, c]) => evaluate(applied, c).allowed).map(([name, c]) => `${name}: ${evaluate(applied, c).reason}`);
    expect(wronglyAllowed).toEqual([]);
    // The one way into the dashboard is the Gateway.
    for (const cluster of ["infra", "apps"]) {
      expect(evaluate(applied, { from: { entity: "ingress", cluster }, to: workloadOf(`${cluster}/rook-ceph/ceph-mgr`), port: 7000 }).allowed).toBe(true);
    }
    console.log(`network flows: ${flows.length} declared (${declared.length} connections), ${declared.length - refused.length} allowed; ${undeclared.length} undeclared sampled, ${undeclared.length - wronglyAllowed.length} denied`);
  });

  it("GIVEN same-namespace traffic THEN it is open only where a namespace opts in (the tenants' baseline), and closed in every platform namespace", () => {
    const applied = clusters.map(appliedPolicies);
    const within = (cluster: string, namespace: string): Connection => ({ from: { cluster, namespace, labels: { app: "a" } }, to: { cluster, namespace, labels: { app: "b" } }, port: 8080 });
    const open = clusters.flatMap((cluster) => [...new Set(cluster.components.map((c) => c.namespace))].filter((ns) => evaluate(applied, within(cluster.name, ns)).allowed).map((ns) => `${cluster.name}/${ns}`));
    expect(open).toEqual(["apps/team-a", "apps/team-b"]);
  });

  it("GIVEN the Dragonfly instances' own NetworkPolicies (every pod of the namespace at ingress) THEN an undeclared client of the namespace is still stopped by its egress default deny", () => {
    const applied = clusters.map(appliedPolicies);
    expect(applied.find((c) => c.cluster === "apps")!.policies.some((p) => (p as { kind: string }).kind === "NetworkPolicy")).toBe(true);
    const verdict = evaluate(applied, { from: workloadOf("apps/harbor/harbor-portal"), to: workloadOf("apps/harbor/harbor-dragonfly"), port: 6379 });
    expect(verdict).toEqual({ allowed: false, reason: "egress denied at apps/harbor" });
  });

  it("GIVEN the tenants' allowances THEN the ones with ports are flows (team-a -> Kafka) and the one without ports is reported as open", () => {
    expect(flows.filter((f) => f.owner === "team-a").map(flowKey)).toEqual(["apps/team-a/all-pods -> apps/kafka/events [9092/TCP 9093/TCP]"]);
    expect(openTenantAllowances(clusters[1]!)).toEqual(["tenant team-a allowance metrics-scrape (fromNamespace): no ports (every port), not translated into a flow"]);
  });

  it("GIVEN both clusters THEN every namespace has a default deny in both directions, kube-system included (where only clustermesh-apiserver is exempt)", () => {
    for (const cluster of clusters) {
      const namespaces = [...new Set(cluster.components.map((c) => c.namespace))].sort();
      const denied = appliedPolicies(cluster)
        .policies.map((p) => p as { metadata: { namespace?: string }; spec: { endpointSelector?: object; enableDefaultDeny?: { ingress?: boolean; egress?: boolean } } })
        .filter((p) => p.spec.enableDefaultDeny?.ingress === true && p.spec.enableDefaultDeny?.egress === true)
        .filter((p) => JSON.stringify(p.spec.endpointSelector) === (p.metadata.namespace === "kube-system" ? JSON.stringify({ matchExpressions: [{ key: "k8s-app", operator: "NotIn", values: ["clustermesh-apiserver"] }] }) : "{}"))
        .map((p) => p.metadata.namespace);
      expect(namespaces.filter((ns) => !denied.includes(ns)), cluster.name).toEqual([]);
    }
  });

  it("GIVEN the rendered objects THEN every Service a component dials or routes to has its flow, and every flow naming a Service has its reference", () => {
    const references = clusters.flatMap((c) => networkReferences(c.name, c.components));
    expect(references.length).toBeGreaterThan(15);
    expect(referenceProblems(references, flows, clusters.map((c) => c.name))).toEqual([]);
  });

  it("GIVEN a reference whose flow is left out THEN the reference check names the component and the Service", () => {
    const references = clusters.flatMap((c) => networkReferences(c.name, c.components));
    const without = flows.filter((f) => !(f.owner === "harbor" && f.service === "harbor-dragonfly"));
    expect(referenceProblems(references, without, ["infra", "apps"])).toEqual([
      "cluster apps, component harbor (namespace harbor): dials Service harbor/harbor-dragonfly but no flow admits it; declare the flow next to the reference",
    ]);
  });

  it("GIVEN a component that no longer references a Service THEN its flow is reported as an allow rule nobody needs", () => {
    const references = clusters.flatMap((c) => networkReferences(c.name, c.components)).filter((r) => !(r.component === "grafana" && r.service === "victoria-logs"));
    expect(referenceProblems(references, flows, ["infra", "apps"])).toEqual([
      "flow of grafana infra/observability/grafana -> infra/observability/victoria-logs [9428/TCP]: component grafana does not reference Service victoria-logs; remove the flow or the reference was lost",
    ]);
  });

  it("GIVEN any subset of the estate's flows THEN exactly the connections of the flows in the subset are allowed between the flows' endpoints (generator and evaluator agree)", () => {
    const namespaces = (cluster: Cluster) => [...new Set(cluster.components.map((c) => c.namespace))];
    const applied = (subset: readonly Flow[]): ClusterPolicies[] =>
      clusters.map((cluster) => ({
        cluster: cluster.name,
        policies: [
          ...namespaces(cluster).map((ns) => JSON.parse(JSON.stringify(defaultDenyPolicy(cluster.name, ns)))),
          ...[...flowPolicies(cluster.name, subset).values()].flat().map((p) => JSON.parse(JSON.stringify(p))),
        ],
      }));
    // Flows whose ends no policy selects (host-network pods reached from the Gateway) have no rule to decide them.
    const policed = (f: Flow) => !(isEntity(f.from) && !isEntity(f.to) && f.to.hostNetwork);
    const decisive = flows.filter(policed);
    fc.assert(
      fc.property(fc.subarray([...decisive]), (subset) => {
        const policies = applied(subset);
        for (const f of decisive) {
          for (const c of connections(f)) {
            const covered = subset.some((g) => connections(g).some((d) => JSON.stringify(d) === JSON.stringify(c)));
            expect(evaluate(policies, c).allowed, `${flowKey(f)} in subset: ${covered}`).toBe(covered);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("GIVEN any one flow removed THEN the policies lose exactly its rules (its ingress rule at the destination, its egress rule at the source) and nothing else", () => {
    const rules = (declared: readonly Flow[]): string[] =>
      ["infra", "apps"].flatMap((cluster) =>
        [...flowPolicies(cluster, declared).values()].flat().flatMap((p) => {
          const { metadata, spec } = p.toJSON() as { metadata: { name: string; namespace: string }; spec: { endpointSelector: unknown; ingress?: unknown[]; egress?: unknown[] } };
          const at = `${cluster} ${metadata.namespace}/${metadata.name} ${JSON.stringify(spec.endpointSelector)}`;
          return [...(spec.ingress ?? []).map((r) => `${at} ingress ${JSON.stringify(r)}`), ...(spec.egress ?? []).map((r) => `${at} egress ${JSON.stringify(r)}`)];
        }),
      );
    /** How often each rule occurs: the rules are a multiset (two flows may yield the same rule). */
    const counts = (list: readonly string[]): Map<string, number> => {
      const byRule = new Map<string, number>();
      for (const rule of list) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
      return byRule;
    };
    const all = rules(flows);
    const allCounts = counts(all);
    for (const flow of flows) {
      // An ingress rule where the destination is a pod, an egress rule where the source is one (host-network pods are no endpoints).
      const pod = (peer: FlowPeer) => !isEntity(peer) && !peer.hostNetwork;
      const expected = (pod(flow.to) ? 1 : 0) + (pod(flow.from) ? 1 : 0);
      // The policies of every flow but this one, rendered once per flow; what they lack is the multiset difference.
      const rest = rules(flows.filter((f) => f !== flow));
      const restCounts = counts(rest);
      const removed = [...allCounts].flatMap(([rule, n]) => Array<string>(Math.max(0, n - (restCounts.get(rule) ?? 0))).fill(rule));
      expect(removed, flowKey(flow)).toHaveLength(expected);
      expect(rest.length, flowKey(flow)).toBe(all.length - expected);
    }
  });

  // The generated Cilium policies are validated against the Cilium CRD schemas in
  // cilium-policies.test.ts, on the committed output.

  it("GIVEN a cluster's flows page THEN its table has one row per flow with an end on the cluster and its graph one edge per connected namespace pair", () => {
    for (const cluster of ["infra", "apps"]) {
      const mine = flows.filter((f) => f.from.cluster === cluster || f.to.cluster === cluster);
      const page = flowsDoc(cluster, flows, { auditMode: true }).content;
      const table = page.slice(page.indexOf("## Allowed flows"), page.indexOf("## Namespaces"));
      expect(table.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| Owner") && !line.startsWith("| ---")), cluster).toHaveLength(mine.length);
      const ns = (peer: FlowPeer) => `${peer.cluster === cluster ? "" : `${peer.cluster}/`}${isEntity(peer) ? `${peer.entity} (entity)` : peer.namespace}`;
      const pairs = new Set(mine.map((f) => `${ns(f.from)} -> ${ns(f.to)}`));
      const chart = parseFlowchart(mermaidBlocks(page)[0]!);
      const label = (id: string) => chart.nodes.get(id)!.join("");
      expect(chart.edges.map((e) => `${label(e.from)} -> ${label(e.to)}`).sort(), cluster).toEqual([...pairs].sort());
      expect(page).toContain("Policy audit mode is on");
    }
  });
});
