import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ref, renderSharedTrees, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { validateHelmValues } from "@k8s-gitops/core/schemas";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { certManager } from "../cert-manager/index.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, cloudnativePg, pluginChart, sharedPostgres } from "./index.js";
import { databaseCluster, doc, file, renderWithBases } from "./test-support.js";

const here = dirname(fileURLToPath(import.meta.url));

/** The infra default: the operator and the shared Postgres for Keycloak, GitLab and Harbor. */
function renderInfra(operatorProps = {}): GeneratedFile[] {
  const context = fixtureContext("infra");
  return renderWithBases(
    databaseCluster(context, operatorProps, (operator) => [
      sharedPostgres(context, { databases: ["keycloak", "gitlab", "harbor"], operator: ref(operator) }),
    ]),
  );
}

const baseValues = (files: GeneratedFile[]) => doc(files, "bases/cloudnative-pg/helmrelease.yaml").spec.values;
const pluginValues = (files: GeneratedFile[]) => doc(files, "/cloudnative-pg/barman-cloud/helmrelease.yaml").spec.values;

describeChartComponent("cloudnativePg", { dir: here, clusters: ["infra"], render: () => renderInfra(), charts: [{ chart }, { chart: pluginChart }] });

describe("cloudnativePg", () => {
  it("GIVEN the default values THEN both charts' values validate against their schemas with unknown keys rejected", () => {
    const files = renderInfra();
    expect(validateHelmValues("cloudnative-pg", chart.version, baseValues(files), { rejectUnknownKeys: true })).toEqual([]);
    expect(validateHelmValues("plugin-barman-cloud", pluginChart.version, pluginValues(files), { rejectUnknownKeys: true })).toEqual([]);
  });

  it("GIVEN a misspelled operator value THEN the strict chart schema rejects it", () => {
    const values = baseValues(renderInfra({ values: { monitoring: { podMonitorEnabeld: true } } }));
    const problems = validateHelmValues("cloudnative-pg", chart.version, values, { rejectUnknownKeys: true });
    expect(problems.map((p) => `${p.path} ${p.message}`)).toContain('/monitoring must NOT have additional properties ("podMonitorEnabeld")');
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = baseValues(renderInfra({ values: { monitoring: { grafanaDashboard: { create: false } } } }));
    expect(values.monitoring).toEqual({ podMonitorEnabled: true, grafanaDashboard: { create: false } });
    expect(values.crds).toEqual({ create: true });
  });

  it("GIVEN the app stage THEN it includes the base by relative path and health-checks the release that comes from it", () => {
    const files = renderInfra();
    const stageDir = "kubernetes/infrastructure/infra/databases/cloudnative-pg/app";
    expect(doc(files, `${stageDir}/kustomization.yaml`).resources).toEqual(["../../../../../bases/cloudnative-pg"]);
    const [app] = parseAllDocuments(file(files, "/cloudnative-pg/ks.yaml").content).map((d) => d.toJS());
    expect(app.spec.healthChecks).toEqual([{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "cloudnative-pg", namespace: "cnpg-system" }]);
    expect(files.some((f) => f.path === "kubernetes/bases/cloudnative-pg/helmrelease.yaml")).toBe(true);
  });

  it("GIVEN infra and apps THEN both render the same base, so it is written once", () => {
    const clusters = (["infra", "apps"] as const).map((name) => databaseCluster(fixtureContext(name)));
    const base = renderSharedTrees(clusters).map((f) => f.path);
    expect(base).toEqual([
      "kubernetes/bases/cloudnative-pg/helmrelease.yaml",
      "kubernetes/bases/cloudnative-pg/kustomization.yaml",
      "kubernetes/bases/cloudnative-pg/ocirepository.yaml",
      "kubernetes/bases/cloudnative-pg/poddisruptionbudget.yaml",
    ]);
  });

  it("GIVEN operator values that differ between clusters THEN the shared base is refused", () => {
    const clusters = [databaseCluster(fixtureContext("infra")), databaseCluster(fixtureContext("apps"), { values: { replicaCount: 1 } })];
    expect(() => renderSharedTrees(clusters)).toThrow(UserError);
    expect(() => renderSharedTrees(clusters)).toThrow(/base cloudnative-pg differs between/);
  });

  it("GIVEN a cert-manager ref THEN only the plugin stage waits for it, and the plugin shares the operator's namespace", () => {
    const context = fixtureContext("infra");
    const cm = certManager(context);
    const operator = cloudnativePg(context, { certManager: ref(cm, "app"), namespace: "databases" });
    expect(operator.stages.map((s) => [s.name, s.dependsOn ?? []])).toEqual([
      ["app", []],
      ["barman-cloud", [{ name: "cert-manager", namespace: "cert-manager", stage: "app" }]],
    ]);
    const files = renderWithBases({ name: "infra", components: [cm, operator] });
    const [, plugin] = parseAllDocuments(file(files, "/cloudnative-pg/ks.yaml").content).map((d) => d.toJS());
    expect(plugin.spec.targetNamespace).toBe("databases");
    expect(plugin.spec.dependsOn).toEqual([
      { name: "cert-manager", namespace: "cert-manager" },
      { name: "cloudnative-pg", namespace: "databases" },
    ]);
  });
});
