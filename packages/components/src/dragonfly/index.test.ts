import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ref, renderCluster, UserError, type Component, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { dragonfly, dragonflyOperator, dragonflyStage, type DragonflyProps } from "./index.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const context = fixtureContext("infra");
const operator = dragonflyOperator(context);

const build = (props: Partial<DragonflyProps> = {}) => dragonfly(context, { name: "dragonfly", memory: "1Gi", operator: ref(operator), ...props });
const render = (instance: Component = build(), op: Component = operator): GeneratedFile[] => renderCluster({ name: "infra", components: [op, instance] });
const resources = (component: Component): Record<string, any[]> => {
  const byKind: Record<string, any[]> = {};
  for (const r of component.stages.flatMap((s) => s.resources)) {
    const json = JSON.parse(JSON.stringify(r));
    byKind[json.kind] = [...(byKind[json.kind] ?? []), json];
  }
  return byKind;
};
const operatorValues = (files: GeneratedFile[]) =>
  parse(files.find((f) => f.path.endsWith("/dragonfly-operator/app/helmrelease.yaml"))!.content).spec.values;

describe("dragonfly", () => {
  it("GIVEN the infra inventory THEN the operator and a default instance match the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render(), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the default and an authenticated, snapshotting instance THEN every document passes strict schema validation", () => {
    expect(strictProblems(render())).toEqual([]);
    expect(strictProblems(render(build({ auth: { item: "dragonfly" }, snapshot: { size: "2Gi" }, replicas: 3, threads: 4 })))).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(render(build({ auth: { item: "dragonfly" } })))).toEqual([]);
  });

  it("GIVEN a memory size THEN maxmemory is that size and the container limit adds the headroom", () => {
    const spec = resources(build({ memory: "2Gi" })).Dragonfly![0].spec;
    expect(spec.args).toEqual(["--maxmemory=2Gi", "--proactor_threads=2", "--cluster_mode=emulated"]);
    expect(spec.resources).toEqual({ requests: { cpu: "200m", memory: "2560Mi" }, limits: { memory: "2560Mi" } });
    const tight = resources(build({ memory: "512Mi", memoryHeadroomPercent: 50, threads: 1 })).Dragonfly![0].spec;
    expect(tight.args).toContain("--maxmemory=512Mi");
    expect(tight.args).toContain("--proactor_threads=1");
    expect(tight.resources.limits.memory).toBe("768Mi");
  });

  it("GIVEN auth THEN the password comes from an ExternalSecret the CR and the endpoint both name, and no Secret is written", () => {
    const component = build({ auth: { item: "gitlab-redis" } });
    const byKind = resources(component);
    const es = byKind.ExternalSecret![0];
    expect(byKind.Secret).toBeUndefined();
    expect(es.spec.data).toEqual([{ secretKey: "password", remoteRef: { key: "gitlab-redis", property: "password" } }]);
    expect(byKind.Dragonfly![0].spec.authentication).toEqual({ passwordFromSecret: { name: es.spec.target.name, key: "password" } });
    expect(component.endpoints).toEqual({
      host: "dragonfly.databases.svc",
      port: 6379,
      service: "dragonfly",
      namespace: "databases",
      password: { secret: es.spec.target.name, key: "password", item: "gitlab-redis" },
    });
    expect(build().endpoints.password).toBeUndefined();
  });

  it("GIVEN the defaults THEN the PodMonitor scrapes the admin port of the instance's pods, which the scraper may reach", () => {
    const byKind = resources(build({ name: "harbor-cache", namespace: "harbor" }));
    const podLabels = byKind.Dragonfly![0].spec.topologySpreadConstraints[0].labelSelector.matchLabels;
    expect(podLabels).toEqual({ app: "harbor-cache" });
    expect(byKind.PodMonitor![0].spec).toEqual({ selector: { matchLabels: podLabels }, podMetricsEndpoints: [{ port: "admin" }] });
    const policy = byKind.NetworkPolicy![0].spec;
    expect(policy.podSelector).toEqual({ matchLabels: podLabels });
    expect(policy.ingress).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "observability" } }, podSelector: { matchLabels: { "app.kubernetes.io/name": "vmagent" } } }],
        ports: [{ protocol: "TCP", port: 9999 }],
      },
    ]);
    expect(resources(build({ metricsScraper: false })).NetworkPolicy).toBeUndefined();
  });

  it("GIVEN the operator ref THEN the instance waits for it and becomes ready when the operator says so", () => {
    const [stage] = build({ dependsOn: [{ name: "onepassword", namespace: "external-secrets" }] }).stages;
    expect(stage!.dependsOn).toEqual([
      { name: "dragonfly-operator", namespace: "dragonfly-system" },
      { name: "onepassword", namespace: "external-secrets" },
    ]);
    expect(stage!.healthCheckExprs).toEqual([{ apiVersion: "dragonflydb.io/v1alpha1", kind: "Dragonfly", current: "status.phase == 'ready'" }]);
  });

  it.each([
    [{ memory: "1G" as never }, 'memory must be a whole number of Mi or Gi (e.g. "1Gi"), got "1G"'],
    [{ replicas: 0 }, "replicas must be a whole number of at least 1, got 0"],
    [{ threads: 1.5 }, "threads must be a whole number of at least 1, got 1.5"],
    [{ snapshot: { size: "2GB" } }, 'snapshot.size must be a whole number of Mi, Gi or Ti, got "2GB"'],
    [{ auth: { item: " " } }, 'auth.item must name a 1Password item, got " "'],
  ] as [Partial<DragonflyProps>, string][])("GIVEN %j THEN a UserError says %s", (props, message) => {
    expect(() => build(props)).toThrow(UserError);
    expect(() => build(props)).toThrow(`dragonfly "dragonfly": invalid props`);
    expect(() => build(props)).toThrow(message);
  });

  it("GIVEN an operator values override THEN sibling defaults are kept", () => {
    const values = operatorValues(render(build(), dragonflyOperator(context, { values: { manager: { resources: { requests: { cpu: "10m" } } } } })));
    expect(values.manager).toEqual({ image: { repository: "ghcr.io/dragonflydb/operator" }, resources: { requests: { cpu: "10m" } } });
    expect(values.crds).toEqual({ install: true, keep: true });
  });

  it("GIVEN clientsPolicy THEN a -clients NetworkPolicy admits Redis from the instance's namespace and Redis and admin from the operator's", () => {
    expect(resources(build()).NetworkPolicy!.map((p) => p.metadata.name)).toEqual(["dragonfly-metrics"]);
    const clients = resources(build({ clientsPolicy: true })).NetworkPolicy!.find((p) => p.metadata.name === "dragonfly-clients")!;
    expect(clients.spec.podSelector).toEqual({ matchLabels: { app: "dragonfly" } });
    expect(clients.spec.ingress).toEqual([
      { from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 6379 }] },
      { from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": operator.namespace } } }], ports: [{ protocol: "TCP", port: 6379 }, { protocol: "TCP", port: 9999 }] },
    ]);
  });

  it("GIVEN dragonflyStage THEN a consumer gets the instance as a stage of its own name with the same objects and endpoints as the component", () => {
    const props = { name: "gitlab-dragonfly", namespace: "gitlab", memory: "1Gi" as const, operator: ref(operator) };
    const { stage, endpoints } = dragonflyStage(context, "cache", props);
    const component = dragonfly(context, props);
    expect(stage.name).toBe("cache");
    expect(JSON.parse(JSON.stringify(stage.resources))).toEqual(JSON.parse(JSON.stringify(component.stages[0]!.resources)));
    expect(endpoints).toEqual(component.endpoints);
  });
});
