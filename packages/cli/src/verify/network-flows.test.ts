import { describe, expect, it } from "vitest";
import type { ClusterObjects } from "./flux-tree.js";
import type { RenderedRelease } from "./helm-render.js";
import { checkFlowSelectors } from "./network-flows.js";

const applied = (doc: unknown) => ({ doc, dir: "kubernetes/x/app", appliedBy: "Kustomization x/x", namespaceFromTarget: true });
const policy = (name: string, namespace: string, spec: unknown) => applied({ apiVersion: "cilium.io/v2", kind: "CiliumNetworkPolicy", metadata: { name, namespace }, spec });
const deployment = (namespace: string | undefined, labels: Record<string, string>) => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", ...(namespace ? { namespace } : {}) }, spec: { template: { metadata: { labels } } } });
const rendered = (cluster: string, namespace: string, objects: unknown[]): RenderedRelease =>
  ({ cluster, namespace, file: "f", subject: "s", releaseName: "r", ref: {}, status: "rendered", objects, archive: "a", chartDigest: "d", cached: true }) as unknown as RenderedRelease;

const ingressFromPg = {
  endpointSelector: { matchLabels: { app: "web" } },
  ingress: [{ fromEndpoints: [{ matchLabels: { "cnpg.io/cluster": "pg", "io.kubernetes.pod.namespace": "databases", "io.cilium.k8s.policy.cluster": "infra" } }] }],
};

describe("network-flows check", () => {
  it("GIVEN policy selectors matching a rendered chart pod and an operator's pods THEN nothing is reported and both are counted", () => {
    const clusters: ClusterObjects[] = [
      { cluster: "apps", objects: [policy("flows-ingress-web", "web", ingressFromPg)] },
      { cluster: "infra", objects: [applied({ apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg", namespace: "databases" } })] },
    ];
    expect(checkFlowSelectors(clusters, [rendered("apps", "web", [deployment(undefined, { app: "web", extra: "1" })])])).toEqual({ problems: [], checked: 2, unverifiable: 0 });
  });

  it("GIVEN an ingress port none of the selected pods' containers listens on THEN the port is reported; pods without declared ports are not judged", () => {
    const withPorts = { ...deployment("web", { app: "web" }), spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ ports: [{ containerPort: 8080 }] }] } } } };
    const spec = { endpointSelector: { matchLabels: { app: "web" } }, ingress: [{ fromEntities: ["ingress"], toPorts: [{ ports: [{ port: "80", protocol: "TCP" }] }] }] };
    const clusters: ClusterObjects[] = [{ cluster: "apps", objects: [policy("flows-ingress-web", "web", spec)] }];
    expect(checkFlowSelectors(clusters, [rendered("apps", "web", [withPorts])]).problems.map((p) => p.message)).toEqual([
      "CiliumNetworkPolicy web/flows-ingress-web (cluster apps): spec.endpointSelector admits port 80, on which none of the selected pods in apps/web listens (container ports 8080)",
    ]);
    expect(checkFlowSelectors(clusters, [rendered("apps", "web", [deployment("web", { app: "web" })])]).problems).toEqual([]);
  });

  it("GIVEN a FluxInstance rendered by its chart THEN the controllers flux-operator creates for its components are pods", () => {
    const fluxInstance = { apiVersion: "fluxcd.controlplane.io/v1", kind: "FluxInstance", metadata: { name: "flux" }, spec: { components: ["source-controller"] } };
    const clusters: ClusterObjects[] = [{ cluster: "infra", objects: [policy("flows-egress-source-controller", "flux-system", { endpointSelector: { matchLabels: { app: "source-controller" } } })] }];
    expect(checkFlowSelectors(clusters, [rendered("infra", "flux-system", [fluxInstance])]).checked).toBe(1);
    expect(checkFlowSelectors(clusters, []).problems).toHaveLength(1);
  });

  it("GIVEN a peer selector whose pods run on another cluster than it names THEN the selector is reported with the policy, path and namespace", () => {
    const clusters: ClusterObjects[] = [
      { cluster: "apps", objects: [policy("flows-ingress-web", "web", ingressFromPg), applied({ apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg", namespace: "databases" } })] },
      { cluster: "infra", objects: [] },
    ];
    const { problems } = checkFlowSelectors(clusters, [rendered("apps", "web", [deployment("web", { app: "web" })])]);
    expect(problems.map((p) => `${p.check}: ${p.message}`)).toEqual([
      'network-flows: CiliumNetworkPolicy web/flows-ingress-web (cluster apps): spec.ingress[0].fromEndpoints[0] {"cnpg.io/cluster":"pg","io.kubernetes.pod.namespace":"databases","io.cilium.k8s.policy.cluster":"infra"} selects no pod in infra/databases (no rendered pod template or operator-created pods carry those labels)',
    ]);
  });

  it("GIVEN a selector into a namespace whose chart was skipped THEN it is counted as unverifiable, and policies not generated from flows are left alone", () => {
    const clusters: ClusterObjects[] = [{ cluster: "apps", objects: [policy("flows-egress-x", "gitlab", { endpointSelector: { matchLabels: { app: "webservice" } }, egress: [] }), policy("tenant-own", "team-a", { endpointSelector: { matchLabels: { app: "nothing" } } })] }];
    const skipped = { cluster: "apps", namespace: "gitlab", status: "skipped", reason: "offline" } as unknown as RenderedRelease;
    expect(checkFlowSelectors(clusters, [skipped])).toEqual({ problems: [], checked: 0, unverifiable: 1 });
  });
});
