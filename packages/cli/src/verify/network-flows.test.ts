import { describe, expect, it } from "vitest";
import type { ClusterObjects } from "./flux-tree.js";
import type { RenderedRelease } from "./helm-render.js";
import { checkFlowSelectors, checkScrapeFlows } from "./network-flows.js";

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

  it("GIVEN a CronJob that kubectl-creates a CNPG Cluster from a mounted ConfigMap THEN that cluster's instance pods are pods; without the ConfigMap they are not", () => {
    const throwaway = { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg-restore-test" } };
    const configMap = applied({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "pg-restore-test", namespace: "databases" }, data: { "cluster.json": JSON.stringify(throwaway) } });
    const cronJob = applied({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "pg-restore-test", namespace: "databases" },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              metadata: { labels: { app: "restore-test" } },
              spec: {
                initContainers: [{ name: "create", command: ["/usr/local/bin/kubectl", "create", "-f", "/manifest/cluster.json"], volumeMounts: [{ name: "manifest", mountPath: "/manifest" }] }],
                containers: [{ name: "delete", command: ["kubectl", "delete", "x"] }],
                volumes: [{ name: "manifest", configMap: { name: "pg-restore-test" } }],
              },
            },
          },
        },
      },
    });
    const selected = policy("flows-ingress-pg-restore-test", "databases", { endpointSelector: { matchLabels: { "cnpg.io/cluster": "pg-restore-test" } } });
    expect(checkFlowSelectors([{ cluster: "infra", objects: [selected, configMap, cronJob] }], []).problems).toEqual([]);
    expect(checkFlowSelectors([{ cluster: "infra", objects: [selected, cronJob] }], []).problems).toHaveLength(1);
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

describe("scrape flows check", () => {
  const agent = applied({ apiVersion: "operator.victoriametrics.com/v1beta1", kind: "VMAgent", metadata: { name: "vmagent", namespace: "observability" } });
  const exporter = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "exporter", namespace: "web" }, spec: { template: { metadata: { labels: { app: "exporter" } }, spec: { containers: [{ ports: [{ name: "http-metrics", containerPort: 9100 }] }] } } } };
  const service = { apiVersion: "v1", kind: "Service", metadata: { name: "exporter", namespace: "web", labels: { app: "exporter" } }, spec: { selector: { app: "exporter" }, ports: [{ name: "metrics", port: 80, targetPort: "http-metrics" }, { name: "other", port: 81 }] } };
  const monitor = { apiVersion: "monitoring.coreos.com/v1", kind: "ServiceMonitor", metadata: { name: "exporter", namespace: "web" }, spec: { selector: { matchLabels: { app: "exporter" } }, endpoints: [{ port: "metrics", path: "/stats" }] } };
  const vmagent = { "app.kubernetes.io/name": "vmagent", "app.kubernetes.io/instance": "vmagent", "io.kubernetes.pod.namespace": "observability", "io.cilium.k8s.policy.cluster": "infra" };
  const deny = (namespace: string) => policy("flows-default-deny", namespace, { endpointSelector: {}, enableDefaultDeny: { ingress: true, egress: true }, ingress: [{ fromEntities: ["host"] }], egress: [{ toEntities: ["kube-apiserver"] }] });
  const scrapeRule = (path: string) => [
    policy("flows-egress-vmagent", "observability", { endpointSelector: { matchLabels: { "app.kubernetes.io/name": "vmagent" } }, egress: [{ toEndpoints: [{ matchLabels: { app: "exporter", "io.kubernetes.pod.namespace": "web", "io.cilium.k8s.policy.cluster": "infra" } }], toPorts: [{ ports: [{ port: "9100", protocol: "TCP" }], rules: { http: [{ method: "GET", path }] } }] }] }),
    policy("flows-ingress-exporter", "web", { endpointSelector: { matchLabels: { app: "exporter" } }, ingress: [{ fromEndpoints: [{ matchLabels: vmagent }], toPorts: [{ ports: [{ port: "9100", protocol: "TCP" }], rules: { http: [{ method: "GET", path }] } }] }] }),
  ];
  const tree = (...policies: unknown[]): ClusterObjects[] => [{ cluster: "infra", objects: [agent, deny("web"), deny("observability"), ...(policies as ReturnType<typeof applied>[])] }];
  const renders = [rendered("infra", "web", [exporter, service, monitor])];

  it("GIVEN a chart's ServiceMonitor and the declared flow on the Service's target port with the monitor's path THEN the target counts as admitted", () => {
    expect(checkScrapeFlows(tree(...scrapeRule("/stats")), renders)).toEqual({ problems: [], checked: 1, unverifiable: 0 });
  });

  it("GIVEN a ServiceMonitor without a flow, or with a flow for another path THEN the scrape is reported, naming the object, the pods, the port and the path", () => {
    const messages = (policies: unknown[]) => checkScrapeFlows(tree(...policies), renders).problems.map((p) => p.message);
    expect(messages([])).toEqual([
      'ServiceMonitor web/exporter (cluster infra): VMAgent may not scrape web pods {"app":"exporter"} on 9100 GET /stats (Service exporter port metrics): egress denied at infra/observability; declare the scrape flow in the owning component\'s flows.ts',
    ]);
    expect(messages(scrapeRule("/metrics"))).toHaveLength(1);
  });

  it("GIVEN a PodMonitor of host-network pods THEN the scrape is judged against the nodes (remote-node)", () => {
    const nodeExporter = { ...exporter, spec: { template: { metadata: { labels: { app: "node" } }, spec: { hostNetwork: true, containers: [{ ports: [{ name: "metrics", containerPort: 9100 }] }] } } } };
    const podMonitor = { apiVersion: "monitoring.coreos.com/v1", kind: "PodMonitor", metadata: { name: "node", namespace: "web" }, spec: { selector: { matchLabels: { app: "node" } }, podMetricsEndpoints: [{ port: "metrics" }] } };
    const toNodes = policy("flows-egress-vmagent", "observability", { endpointSelector: { matchLabels: { "app.kubernetes.io/name": "vmagent" } }, egress: [{ toEntities: ["host", "remote-node"], toPorts: [{ ports: [{ port: "9100", protocol: "TCP" }] }] }] });
    const nodes = [rendered("infra", "web", [nodeExporter, podMonitor])];
    expect(checkScrapeFlows(tree(toNodes), nodes)).toEqual({ problems: [], checked: 1, unverifiable: 0 });
    expect(checkScrapeFlows(tree(), nodes).problems[0]?.message).toMatch(/\(host network\) on 9100 GET \/metrics/);
  });

  it("GIVEN a scrape selecting nothing THEN it is reported, unless its namespace's chart was skipped", () => {
    const orphan = { ...monitor, spec: { ...monitor.spec, selector: { matchLabels: { app: "gone" } } } };
    expect(checkScrapeFlows(tree(), [rendered("infra", "web", [orphan])]).problems.map((p) => p.message)).toEqual(["ServiceMonitor web/exporter (cluster infra): selects no pod of the rendered tree and charts, so its flow cannot be checked"]);
    const skipped = { cluster: "infra", namespace: "web", status: "skipped", reason: "offline" } as unknown as RenderedRelease;
    expect(checkScrapeFlows([{ cluster: "infra", objects: [agent, applied(orphan)] }], [skipped])).toEqual({ problems: [], checked: 0, unverifiable: 1 });
  });
});

describe("network-flows check, host network and Service ports", () => {
  it("GIVEN a Kafka CR THEN its nodes listen on the CR's listeners and Strimzi's internal ports, and a flow to another port is reported", () => {
    const kafka = applied({ apiVersion: "kafka.strimzi.io/v1", kind: "Kafka", metadata: { name: "events", namespace: "kafka" }, spec: { kafka: { listeners: [{ name: "plain", port: 9092 }] } } });
    const spec = (port: string) => ({ endpointSelector: { matchLabels: { "strimzi.io/cluster": "events" } }, ingress: [{ fromEntities: ["host"], toPorts: [{ ports: [{ port, protocol: "TCP" }] }] }] });
    const check = (port: string) => checkFlowSelectors([{ cluster: "apps", objects: [kafka, policy("flows-ingress-kafka-events", "kafka", spec(port))] }], []).problems.map((p) => p.message);
    expect(check("9092")).toEqual([]);
    expect(check("9091")).toEqual([]);
    expect(check("9094")).toEqual(["CiliumNetworkPolicy kafka/flows-ingress-kafka-events (cluster apps): spec.endpointSelector admits port 9094, on which none of the selected pods in apps/kafka listens (container ports 8443, 9090, 9091, 9092, 9404)"]);
  });

  it("GIVEN a policy selecting only host-network pods THEN it is reported (no CiliumNetworkPolicy applies to them)", () => {
    const node = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "n", namespace: "web" }, spec: { template: { metadata: { labels: { app: "node" } }, spec: { hostNetwork: true } } } };
    const clusters: ClusterObjects[] = [{ cluster: "infra", objects: [policy("flows-ingress-node", "web", { endpointSelector: { matchLabels: { app: "node" } } })] }];
    expect(checkFlowSelectors(clusters, [rendered("infra", "web", [node])]).problems.map((p) => p.message)).toEqual([
      "CiliumNetworkPolicy web/flows-ingress-node (cluster infra): spec.endpointSelector selects only host-network pods in infra/web, which no CiliumNetworkPolicy applies to (declare the workload with hostNetwork: true)",
    ]);
  });

  it("GIVEN a port the container does not declare but a Service of the pods targets THEN the port is accepted", () => {
    const pod = { ...deployment("web", { app: "web" }), spec: { template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ ports: [{ containerPort: 8080 }] }] } } } };
    const metrics = { apiVersion: "v1", kind: "Service", metadata: { name: "web-metrics", namespace: "web" }, spec: { selector: { app: "web" }, ports: [{ name: "m", port: 8001 }] } };
    const spec = { endpointSelector: { matchLabels: { app: "web" } }, ingress: [{ fromEntities: ["host"], toPorts: [{ ports: [{ port: "8001", protocol: "TCP" }] }] }] };
    const clusters: ClusterObjects[] = [{ cluster: "infra", objects: [policy("flows-ingress-web", "web", spec)] }];
    expect(checkFlowSelectors(clusters, [rendered("infra", "web", [pod, metrics])]).problems).toEqual([]);
    expect(checkFlowSelectors(clusters, [rendered("infra", "web", [pod])]).problems).toHaveLength(1);
  });
});
