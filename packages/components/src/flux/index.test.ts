import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ref, renderCluster, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { bootstrapSecretProblems } from "@k8s-gitops/core/bootstrap";
import { validateHelmValues } from "@k8s-gitops/core/schemas";
import { fixtureContext, strictProblems } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { fluxGitSecret, fluxInstance, fluxInstanceManifest, fluxOperator, instanceChart, operatorChart, type FluxInstanceProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
type Cluster = "infra" | "apps";

function flux(cluster: Cluster, props: Partial<FluxInstanceProps> = {}) {
  const context = fixtureContext(cluster);
  const operator = fluxOperator(context);
  return [operator, fluxInstance(context, { operator: ref(operator), ...props })];
}
const render = (cluster: Cluster, props: Partial<FluxInstanceProps> = {}): GeneratedFile[] => renderCluster({ name: cluster, components: flux(cluster, props) });
const file = (files: GeneratedFile[], suffix: string) => files.find((f) => f.path.endsWith(suffix))!.content;
const releaseValues = (files: GeneratedFile[], app: string) => parse(file(files, `/${app}/app/helmrelease.yaml`)).spec.values;
// Parsed YAML of the rendered release: every key the assertions read is there (the chart types them all optional).
const instanceValues = (files: GeneratedFile[]) => releaseValues(files, "flux-instance") as any;

describeChartComponent("fluxOperator+fluxInstance", {
  dir: here,
  clusters: ["infra"],
  render: (c) => render(c),
  charts: [{ chart: operatorChart }, { chart: instanceChart }],
});

describe("fluxOperator and fluxInstance", () => {
  it("GIVEN the default values THEN both charts' 0.49.0 schemas accept them, unknown keys rejected", () => {
    const files = render("infra");
    const options = { rejectUnknownKeys: true, partial: true };
    expect(validateHelmValues("flux-operator", operatorChart.version, releaseValues(files, "flux-operator"), options)).toEqual([]);
    expect(validateHelmValues("flux-instance", instanceChart.version, instanceValues(files), options)).toEqual([]);
  });

  it("GIVEN a misspelled instance value THEN the flux-instance schema rejects it", () => {
    const values = instanceValues(render("infra", { values: { instance: { sync: { intervall: "5m" } } } as never }));
    const problems = validateHelmValues("flux-instance", instanceChart.version, values, { rejectUnknownKeys: true, partial: true });
    expect(problems.map((p) => `${p.path} ${p.message}`).join()).toMatch(/intervall/);
  });

  it("GIVEN the values THEN the FluxInstance the chart would render is valid against the FluxInstance CRD", () => {
    for (const cluster of ["infra", "apps"] as const) {
      const manifest = fluxInstanceManifest(instanceValues(render(cluster)), "flux-system");
      expect(strictProblems([{ path: `${cluster}/fluxinstance.yaml`, content: JSON.stringify(manifest) }])).toEqual([]);
    }
  });

  it("GIVEN a value the CRD forbids THEN the FluxInstance check catches what the chart schema does not", () => {
    const values = instanceValues(render("infra", { values: { instance: { sync: { interval: "ten minutes" } } } }));
    expect(validateHelmValues("flux-instance", instanceChart.version, values, { rejectUnknownKeys: true, partial: true })).toEqual([]);
    const problems = strictProblems([{ path: "fluxinstance.yaml", content: JSON.stringify(fluxInstanceManifest(values, "flux-system")) }]);
    expect(problems.join()).toMatch(/\/spec\/sync\/interval/);
  });

  it("GIVEN an inventory THEN Flux syncs its repository and branch, at the rendered cluster entry point, every 10 minutes", () => {
    const context = fixtureContext("infra");
    const files = render("infra");
    const { sync } = instanceValues(files).instance;
    expect(sync).toMatchObject({ kind: "GitRepository", url: context.inventory.cluster.git.url, ref: `refs/heads/${context.inventory.cluster.git.branch}`, interval: "10m", pullSecret: "flux-system" });
    // The path is the entry point core renders (relative to the output root) under the repository's `generated/` folder.
    expect(sync.path).toBe("./generated/kubernetes/clusters/infra");
    expect(files.some((f) => `./generated/${f.path}` === `${sync.path}/kustomization.yaml`)).toBe(true);
  });

  it("GIVEN the root Kustomization THEN it decrypts SOPS exactly like the app Kustomizations core renders", () => {
    const files = render("infra");
    const patch = instanceValues(files).instance.kustomize.patches.find((p: any) => p.target?.kind === "Kustomization");
    expect(patch?.target).toEqual({ group: "kustomize.toolkit.fluxcd.io", kind: "Kustomization", name: "flux-system" });
    const [operation] = parse(patch!.patch);
    const appKustomization = parse(file(files, "/flux-operator/ks.yaml"));
    expect(operation).toEqual({ op: "add", path: "/spec/decryption", value: appKustomization.spec.decryption });
    expect(appKustomization.spec.sourceRef).toMatchObject({ name: "flux-system", namespace: "flux-system" });
  });

  it("GIVEN the decryption design THEN kustomize-controller reads the bootstrap's age Secret controller-wide and no Kustomization names a secretRef", () => {
    const files = render("infra");
    const args = instanceValues(files)
      .instance.kustomize.patches.filter((p: any) => p.target?.kind === "Deployment" && p.target.name === "kustomize-controller")
      .flatMap((p: any) => [parse(p.patch)].flat().map((op: { value?: unknown }) => op.value));
    expect(args).toContain("--sops-age-secret=sops-age");
    const kustomizations = files.filter((f) => f.path.endsWith("/ks.yaml")).flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS()));
    expect(kustomizations.length).toBeGreaterThan(0);
    for (const ks of kustomizations) if (ks.spec.decryption) expect(ks.spec.decryption).toEqual({ provider: "sops" });
  });

  it("GIVEN the tuning patches THEN each is a list of JSON6902 operations or a Deployment strategic merge", () => {
    for (const { patch, target } of instanceValues(render("infra")).instance.kustomize.patches) {
      const body = parse(patch);
      if (Array.isArray(body)) for (const op of body) expect(op).toMatchObject({ op: "add", path: expect.stringMatching(/^\//) });
      else expect({ target: target?.kind, kind: body.kind, apiVersion: body.apiVersion }).toEqual({ target: "Deployment", kind: "Deployment", apiVersion: "apps/v1" });
    }
  });

  it("GIVEN the two components THEN flux-instance waits for flux-operator", () => {
    const [ks] = parseAllDocuments(file(render("infra"), "/flux-instance/ks.yaml")).map((d) => d.toJS());
    expect(ks.spec.dependsOn).toEqual([{ name: "flux-operator", namespace: "flux-system" }]);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const { cluster } = instanceValues(render("infra", { values: { instance: { cluster: { networkPolicy: false } } } })).instance;
    expect(cluster).toEqual({ type: "kubernetes", domain: "cluster.local", networkPolicy: false, multitenant: false });
  });

  it("GIVEN a public HTTPS repository THEN no pull secret is referenced", () => {
    expect(instanceValues(render("infra", { gitSecret: null })).instance.sync.pullSecret).toBeUndefined();
  });

  it("GIVEN a context gitPath leaving the repository THEN the builder refuses it naming the value", () => {
    const context = { ...fixtureContext("infra"), gitPath: "../elsewhere" };
    const operator = fluxOperator(context);
    const build = () => fluxInstance(context, { operator: ref(operator) });
    expect(build).toThrow(UserError);
    expect(build).toThrow('gitPath "../elsewhere": must be a folder inside the Git repository, relative to its root ("" for the root itself)');
  });

  it("GIVEN the two inventories THEN the instance values differ only in the synced path", () => {
    const infra = instanceValues(render("infra"));
    const apps = instanceValues(render("apps"));
    expect(apps.instance.sync.path).toBe("./generated/kubernetes/clusters/apps");
    expect({ ...apps.instance, sync: { ...apps.instance.sync, path: "" } }).toEqual({ ...infra.instance, sync: { ...infra.instance.sync, path: "" } });
  });

  it("GIVEN an ssh:// repository THEN the Git secret is a deploy key of op:// references into the cluster's vault", () => {
    const context = fixtureContext("apps");
    const secret = fluxGitSecret(context);
    expect(bootstrapSecretProblems(secret)).toEqual([]);
    expect(secret).toMatchObject({ name: "flux-system", namespace: "flux-system" });
    expect(Object.keys(secret.data ?? {})).toEqual(["identity", "known_hosts"]);
    for (const value of Object.values(secret.data ?? {})) expect(value.startsWith(`op://${context.inventory.external.onepassword.vault}/`)).toBe(true);
    const https = { ...context, inventory: { ...context.inventory, cluster: { ...context.inventory.cluster, git: { url: "https://github.com/example/k8s-gitops.git", branch: "main" } } } };
    expect(Object.keys(fluxGitSecret(https).stringData ?? {})).toEqual(["username", "password"]);
  });
});
