import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fc, test } from "@fast-check/vitest";
import { renderCluster, renderSharedTrees, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { assertOnePolicyOwnerPerNamespace, baselineComponentName, usesBaselineNetworkPolicy } from "../network-policies/index.js";
import { exampleTenants } from "./examples.js";
import { parseQuantity, tenant, type TenantProps, type TenantQuota } from "./index.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const context = fixtureContext("apps");
const json = (value: unknown): any => JSON.parse(JSON.stringify(value));
const quota: TenantQuota = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" }, pods: 10, persistentVolumeClaims: 2, storage: "10Gi" };
const build = (props: Partial<TenantProps> = {}) => tenant(context, { name: "team-x", quota, networkPolicies: "none", ...props });
const byKind = (props: Partial<TenantProps> = {}) => {
  const out: Record<string, any[]> = {};
  for (const r of build(props).stages[0]!.resources) out[r.kind] = [...(out[r.kind] ?? []), json(r)];
  return out;
};

function renderExamples(): GeneratedFile[] {
  const cluster = { name: "apps", components: exampleTenants(context) };
  return [...renderCluster(cluster), ...renderSharedTrees([cluster])];
}

describe("tenant", () => {
  it("GIVEN the two example tenants of the apps cluster THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), renderExamples(), { coveredBy: estateOutputDir() })).toBe("");
  });

  // kubernetes/v1.34.1-standalone-strict has no ResourceQuota or LimitRange schema; both are
  // kubernetes-models classes, validated by their own schema when rendered.
  it("GIVEN the examples THEN every document with a published schema passes strict validation", () => {
    expect(strictProblems(renderExamples(), new Set(["ResourceQuota", "LimitRange"]))).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the examples THEN every kustomization (with the baseline Component) builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderExamples())).toEqual([]);
  });

  it("GIVEN a tenant THEN its namespace is its name, enforces the restricted Pod Security Standard and is labelled as a tenant", () => {
    const files = renderExamples();
    const namespaces = parseAllDocuments(files.find((f) => f.path.endsWith("clusters/apps/namespaces.yaml"))!.content).map((d) => d.toJS());
    const teamA = namespaces.find((n) => n.metadata.name === "team-a");
    expect(teamA.metadata.labels).toEqual({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
      "k8s-gitops.io/tenant": "team-a",
    });
    expect(parse(files.find((f) => f.path.endsWith("tenants/team-a/ks.yaml"))!.content).spec.targetNamespace).toBe("team-a");
  });

  it("GIVEN networkPolicies baseline THEN the stage includes the shared baseline Component; with none it does not", () => {
    expect(usesBaselineNetworkPolicy(build({ networkPolicies: "baseline" }))).toBe(true);
    expect(build({ networkPolicies: "baseline" }).shared?.map((t) => t.name)).toEqual([baselineComponentName]);
    expect(usesBaselineNetworkPolicy(build())).toBe(false);
    expect(() => assertOnePolicyOwnerPerNamespace(exampleTenants(context), "apps")).not.toThrow();
  });

  it("GIVEN the defaults THEN the groups tenant-<name>-admins/-developers get admin/edit and the CI account gets edit in the namespace only", () => {
    const kinds = byKind();
    expect(kinds.RoleBinding!.map((b) => [b.metadata.name, b.roleRef.name, b.subjects.map((s: any) => `${s.kind}:${s.name}`)])).toEqual([
      ["tenant-admins", "admin", ["Group:tenant-team-x-admins"]],
      ["tenant-developers", "edit", ["Group:tenant-team-x-developers"]],
      ["ci-deployer", "edit", ["ServiceAccount:ci-deployer"]],
    ]);
    expect(kinds.RoleBinding!.every((b) => b.roleRef.kind === "ClusterRole")).toBe(true);
    expect(kinds.ClusterRoleBinding).toBeUndefined();
    expect(byKind({ ciServiceAccount: false }).ServiceAccount).toBeUndefined();
  });

  it("GIVEN the defaults THEN every container gets requests and limits from the LimitRange", () => {
    expect(byKind().LimitRange![0].spec.limits).toEqual([
      { type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { cpu: "500m", memory: "512Mi" } },
    ]);
  });

  it("GIVEN negative, empty or malformed quota values THEN one UserError names each field and value", () => {
    const bad = () => build({ quota: { ...quota, requests: { cpu: "-1", memory: "" }, limits: { cpu: "2", memory: "2 Gi" }, pods: -3, storage: "lots" } });
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/quota.requests.cpu must be a non-negative Kubernetes quantity .* got "-1"/);
    expect(bad).toThrow(/quota.requests.memory must be .* got ""/);
    expect(bad).toThrow(/quota.limits.memory must be .* got "2 Gi"/);
    expect(bad).toThrow(/quota.pods must be a whole number of at least 0, got -3/);
    expect(bad).toThrow(/quota.storage must be .* got "lots"/);
    expect(bad).toThrow(/^tenant "team-x": invalid props/);
  });

  it("GIVEN requests above limits or a default container limit above the namespace limit THEN it is refused", () => {
    expect(() => build({ quota: { ...quota, requests: { cpu: "3", memory: "1Gi" } } })).toThrow(/quota.requests.cpu \("3"\) is more than quota.limits.cpu \("2"\)/);
    expect(() => build({ limits: { default: { cpu: "4", memory: "512Mi" } } })).toThrow(/limits.default.cpu \("4"\) is more than quota.limits.cpu \("2"\)/);
    expect(() => build({ quota: { ...quota, requests: { cpu: "0", memory: "1Gi" } } })).toThrow(/quota.requests.cpu must be more than zero/);
  });

  it("GIVEN names that are no DNS label or belong to the platform THEN the tenant is refused", () => {
    for (const name of ["Team-A", "team_a", "-a", "a".repeat(53), ""]) {
      expect(() => build({ name }), name).toThrow(/name must be a DNS label/);
    }
    expect(() => build({ name: "kube-system" })).toThrow(/is a system or platform namespace/);
    expect(() => build({ name: "flux-system" })).toThrow(/is a system or platform namespace/);
  });

  it("GIVEN allowances with networkPolicies none or malformed rules THEN they are refused", () => {
    expect(() => build({ allow: [{ name: "gw", kind: "fromGateway" }] })).toThrow(/networkPolicies is "none": nothing is denied/);
    const bad = () =>
      build({
        networkPolicies: "baseline",
        allow: [
          { name: "nas", kind: "toCIDR", cidrs: ["10.25.11.5/33"] },
          { name: "nas", kind: "toFQDN", names: ["exa mple.com"], ports: [{ port: 70000 }] },
        ],
      });
    expect(bad).toThrow(/allow\[0\].cidrs has "10.25.11.5\/33"/);
    expect(bad).toThrow(/allow\[1\].name "nas" is used twice/);
    expect(bad).toThrow(/allow\[1\].names has "exa mple.com"/);
    expect(bad).toThrow(/allow\[1\].ports\[0\].port must be from 1 to 65535, got 70000/);
  });

  it("GIVEN allowances THEN each is a CiliumNetworkPolicy that only adds (default deny off) and names its peers", () => {
    const [teamA] = exampleTenants(context);
    const policies = teamA.stages[0]!.resources.filter((r) => r.kind === "CiliumNetworkPolicy").map(json);
    expect(policies.map((p) => p.metadata.name)).toEqual(["tenant-allow-web-from-gateway", "tenant-allow-kafka", "tenant-allow-metrics-scrape"]);
    for (const p of policies) expect(p.spec.enableDefaultDeny).toEqual({ ingress: false, egress: false });
    expect(policies[0].spec.ingress).toEqual([{ fromEntities: ["ingress"], toPorts: [{ ports: [{ port: "8080", protocol: "TCP" }] }] }]);
    expect(policies[1].spec.egress[0].toEndpoints).toEqual([{ matchLabels: { "io.kubernetes.pod.namespace": "kafka", "strimzi.io/cluster": "events" } }]);
  });

  test.prop(
    [
      fc.record({
        cpu: fc.integer({ min: 1, max: 64 }),
        memoryGi: fc.integer({ min: 1, max: 256 }),
        pods: fc.nat(500),
        pvcs: fc.nat(100),
        nodePorts: fc.option(fc.nat(5), { nil: undefined }),
      }),
    ],
    { numRuns: 50 },
  )("GIVEN any valid quota that does not ask for LoadBalancers THEN the namespace may create none", ({ cpu, memoryGi, pods, pvcs, nodePorts }) => {
    const q: TenantQuota = {
      requests: { cpu: String(cpu), memory: `${memoryGi}Gi` },
      limits: { cpu: String(cpu * 2), memory: `${memoryGi * 2}Gi` },
      pods,
      persistentVolumeClaims: pvcs,
      storage: "10Gi",
      ...(nodePorts === undefined ? {} : { nodePorts }),
    };
    const hard = byKind({ quota: q }).ResourceQuota![0].spec.hard;
    expect(hard["services.loadbalancers"]).toBe("0");
    expect(hard["services.nodeports"]).toBe(String(nodePorts ?? 0));
    expect(hard.pods).toBe(String(pods));
  });

  it("GIVEN loadBalancers asked for THEN exactly that many are allowed", () => {
    expect(byKind({ quota: { ...quota, loadBalancers: 2 } }).ResourceQuota![0].spec.hard["services.loadbalancers"]).toBe("2");
  });
});

describe("parseQuantity", () => {
  it("GIVEN Kubernetes quantities THEN binary and decimal suffixes and millicores compare correctly, and signs are refused", () => {
    expect(parseQuantity("500m")).toBe(0.5);
    expect(parseQuantity("1Gi")).toBe(1024 ** 3);
    expect(parseQuantity("1G")! < parseQuantity("1Gi")!).toBe(true);
    for (const bad of ["-1", "+1", "", " 1", "1e3", "1gi", undefined]) expect(parseQuantity(bad), String(bad)).toBeUndefined();
  });
});

describe("tenant isolation from Flux", () => {
  it("GIVEN a tenant THEN its Flux Kustomization lives in flux-system, outside the tenant's reach, and targets the tenant namespace", async () => {
    const { renderCluster, fluxDefaults } = await import("@k8s-gitops/core");
    const { fixtureContext } = await import("@k8s-gitops/core/testing");
    const { parse } = await import("yaml");
    const quota = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "2Gi" }, pods: 5, persistentVolumeClaims: 1, storage: "1Gi" };
    const team = tenant(fixtureContext("apps"), { name: "team-x", quota, networkPolicies: "none" });
    const ks = renderCluster({ name: "apps", components: [team] }).find((f) => f.path.endsWith("team-x/ks.yaml"))!;
    const doc = parse(ks.content.split("---\n")[1]!);
    expect(doc.metadata.namespace).toBe(fluxDefaults.gitRepository.namespace);
    expect(doc.spec.targetNamespace).toBe("team-x");
  });
});
