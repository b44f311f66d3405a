import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError } from "@k8s-gitops/core";
import { validateHelmValues, type SchemaProblem } from "@k8s-gitops/core/schemas";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, cilium, valuesOutsideChartSchema } from "./index.js";
import { ciliumFiles, docs, helmValues, renderCilium } from "./test-support.js";

const here = dirname(fileURLToPath(import.meta.url));

const strictChartProblems = (values: unknown): SchemaProblem[] =>
  validateHelmValues("cilium", chart.version, values, { rejectUnknownKeys: true });
const pointerOf = (problem: SchemaProblem) => `${problem.path}/${/\("([^"]+)"\)$/.exec(problem.message)?.[1] ?? ""}`;
const allowed = new Set<string>(valuesOutsideChartSchema);

describeChartComponent("cilium", { dir: here, clusters: ["infra", "apps"], render: (c) => ciliumFiles(renderCilium(c)), charts: [{ chart }] });

describe("cilium", () => {
  it.each(["infra", "apps"] as const)(
    "GIVEN the %s values THEN they validate against the 1.20.0 chart schema with unknown keys rejected, except the documented keys the schema lacks",
    (cluster) => {
      const problems = strictChartProblems(helmValues(renderCilium(cluster)));
      expect(problems.filter((p) => !allowed.has(pointerOf(p)))).toEqual([]);
      // The allowance stays minimal: each listed key is really missing from the schema and used.
      expect(problems.map(pointerOf).sort()).toEqual([...valuesOutsideChartSchema].sort());
    },
  );

  it("GIVEN a misspelled override THEN the strict chart schema rejects it", () => {
    const values = helmValues(renderCilium("infra", { values: { hubble: { relay: { replica: 2 } } as never } }));
    expect(strictChartProblems(values).map((p) => `${p.path} ${p.message}`)).toContain('/hubble/relay must NOT have additional properties ("replica")');
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = helmValues(renderCilium("infra", { values: { operator: { replicas: 3 }, loadBalancer: { mode: "snat" } } }));
    expect(values.operator).toEqual({
      replicas: 3,
      rollOutPods: true,
      prometheus: { enabled: true, serviceMonitor: { enabled: true } },
      podDisruptionBudget: { enabled: true, maxUnavailable: 1 },
    });
    expect(values.loadBalancer).toEqual({ algorithm: "maglev", mode: "snat" });
    expect(values.cluster).toEqual({ name: "infra", id: 1 });
  });

  it("GIVEN hubbleUi false THEN Hubble UI is off and Relay stays on", () => {
    const values = helmValues(renderCilium("infra", { hubbleUi: false }));
    expect(values.hubble.ui.enabled).toBe(false);
    expect(values.hubble.relay.enabled).toBe(true);
    expect(helmValues(renderCilium("infra")).hubble.ui.enabled).toBe(true);
  });

  it("GIVEN values that override the ClusterMesh identity THEN a UserError names each field, its value and the inventory", () => {
    const build = () => cilium(fixtureContext("apps"), { values: { cluster: { id: 7 }, clustermesh: { config: { clusters: [] } } } });
    expect(build).toThrow(UserError);
    expect(build).toThrow(/values\.cluster\.id = 7: set it in the inventory of cluster "apps" instead/);
    expect(build).toThrow(/values\.clustermesh\.config\.clusters = \[\]/);
  });

  it("GIVEN the refs THEN the release and the Gateways wait for the Gateway API CRDs, the Gateways also for the issuers", () => {
    const [app, config, gateway] = docs(renderCilium("infra"), "/cilium/ks.yaml");
    expect(app.spec.dependsOn).toEqual([{ name: "gateway-api-crds", namespace: "kube-system" }]);
    expect(app.spec.healthChecks).toEqual([{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "cilium", namespace: "kube-system" }]);
    expect(config.spec).toMatchObject({ dependsOn: [{ name: "cilium", namespace: "kube-system" }], wait: true });
    expect(gateway.spec.dependsOn).toEqual([
      { name: "cert-manager-issuers", namespace: "cert-manager" },
      { name: "cilium-config", namespace: "kube-system" },
      { name: "gateway-api-crds", namespace: "kube-system" },
    ]);
  });

  it("GIVEN no refs THEN the stages depend only on each other", () => {
    const component = cilium(fixtureContext("infra"));
    expect(component.stages.map((s) => [s.name, s.dependsOn ?? []])).toEqual([
      ["app", []],
      ["config", []],
      ["gateway", []],
    ]);
  });
});
