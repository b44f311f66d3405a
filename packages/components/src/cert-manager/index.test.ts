import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { validateHelmValues } from "@k8s-gitops/core/schemas";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { certManager, chart } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [certManager(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("certManager", { dir: here, render, charts: [{ chart, valuesSchema: "lenient" }] });

describe("certManager", () => {
  it("GIVEN a misspelled value THEN the chart schema rejects it", () => {
    const values = releaseValues(render("infra", { values: { replicaCont: 3 } }));
    expect(validateHelmValues("cert-manager", chart.version, values).map((p) => p.message).join()).toMatch(/additional properties/);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render("infra", { values: { prometheus: { servicemonitor: { enabled: false } } } }));
    expect(values.prometheus).toEqual({ enabled: true, servicemonitor: { enabled: false } });
    expect(values.crds).toEqual({ enabled: true, keep: true });
  });

  it("GIVEN the inventory THEN the issuers use its ACME email and DNS zone, and the token comes from an ExternalSecret", () => {
    const ctx = fixtureContext("infra");
    const files = render("infra");
    const production = parse(files.find((f) => f.path.endsWith("clusterissuer-letsencrypt-production.yaml"))!.content);
    expect(production.spec.acme.email).toBe(ctx.inventory.external.letsencrypt.email);
    expect(production.spec.acme.solvers[0].selector.dnsZones).toEqual([ctx.inventory.external.dnsProvider.zone]);
    const secret = parse(files.find((f) => f.path.endsWith("externalsecret.yaml"))!.content);
    expect(secret.spec.secretStoreRef).toEqual({ kind: "ClusterSecretStore", name: "onepassword" });
    expect(files.some((f) => /^kind: Secret$/m.test(f.content))).toBe(false);
  });

  it("GIVEN a DNS provider without a DNS-01 solver THEN the builder refuses it naming the provider", () => {
    const ctx = fixtureContext("infra");
    const inventory = { ...ctx.inventory, external: { ...ctx.inventory.external, dnsProvider: { name: "route66", zone: "example.net" } } };
    expect(() => certManager({ ...ctx, inventory } as never)).toThrow(UserError);
    expect(() => certManager({ ...ctx, inventory } as never)).toThrow('DNS provider "route66" is not supported');
  });
});
