import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { ref, renderCluster, UserError, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { validateHelmValues } from "@k8s-gitops/core/schemas";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import {
  chart,
  connectChart,
  externalSecrets,
  onePasswordBootstrapSecret,
  onePasswordConnect,
  secretStoreRef,
  sharedPushStore,
  type ExternalSecretsProps,
  type OnePasswordConnectProps,
} from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
type Cluster = "infra" | "apps";

const components = (ctx: ClusterContext, eso: ExternalSecretsProps = {}, connect: Partial<OnePasswordConnectProps> = {}) => {
  const operator = externalSecrets(ctx, eso);
  return [operator, onePasswordConnect(ctx, { externalSecrets: ref(operator), ...connect })] as const;
};
const render = (cluster: Cluster, eso: ExternalSecretsProps = {}, connect: Partial<OnePasswordConnectProps> = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: components(fixtureContext(cluster), eso, connect) });
const file = (files: GeneratedFile[], suffix: string) => {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no rendered file ends with ${suffix}`);
  return found;
};
const values = (files: GeneratedFile[], app: string) => parse(file(files, `/${app}/app/helmrelease.yaml`).content).spec.values as Record<string, any>;
const store = (files: GeneratedFile[]) => parse(file(files, "/onepassword-connect/store/clustersecretstore-onepassword.yaml").content);
const withOnePassword = (ctx: ClusterContext, connectHost: string): ClusterContext =>
  ({
    ...ctx,
    inventory: { ...ctx.inventory, external: { ...ctx.inventory.external, onepassword: { ...ctx.inventory.external.onepassword, connectHost } } },
  }) as ClusterContext;

describeChartComponent("externalSecrets+onePasswordConnect", {
  dir: here,
  clusters: ["infra", "apps"],
  render: (c) => render(c),
  charts: [{ chart }, { chart: connectChart }],
});

describe("externalSecrets + onePasswordConnect", () => {
  it("GIVEN the default values THEN they validate strictly against the chart's values.schema.json", () => {
    const problems = validateHelmValues("external-secrets", chart.version, values(render("infra"), "external-secrets"), { rejectUnknownKeys: true, partial: true });
    expect(problems).toEqual([]);
  });

  it("GIVEN a misspelled value THEN the strict chart schema rejects it", () => {
    // @ts-expect-error the generated chart type already rejects the misspelled key at compile time
    const misspelled = values(render("infra", { values: { webhook: { replicaCont: 3 } } }), "external-secrets");
    const problems = validateHelmValues("external-secrets", chart.version, misspelled, { rejectUnknownKeys: true, partial: true });
    expect(problems).toEqual([{ path: "/webhook", message: expect.stringContaining('"replicaCont"') }]);
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const eso = values(render("infra", { values: { serviceMonitor: { interval: "30s" } } }), "external-secrets");
    expect(eso.serviceMonitor).toEqual({ enabled: true, interval: "30s" });
    const connect = values(render("infra", {}, { values: { connect: { api: { serviceMonitor: { enabled: false } } } } }), "onepassword-connect");
    expect(connect.connect.api).toEqual({ httpPort: 8080, serviceMonitor: { enabled: false } });
    expect(connect.connect.credentialsName).toBe(onePasswordBootstrapSecret.name);
  });

  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN the store reads that cluster's vault through its connectHost", (cluster) => {
    const { connectHost, vault, sharedVault } = fixtureContext(cluster).inventory.external.onepassword;
    const provider = store(render(cluster)).spec.provider.onepassword;
    expect(provider.connectHost).toBe(connectHost);
    // Its own vault first; the shared vault only for items that cross clusters.
    expect(provider.vaults).toEqual({ [vault]: 1, [sharedVault!]: 2 });
    expect(provider.auth.secretRef.connectTokenSecretRef).toEqual({
      name: onePasswordBootstrapSecret.name,
      key: "token",
      namespace: onePasswordBootstrapSecret.namespace,
    });
  });

  it("GIVEN a shared vault THEN a second store writes only into it, for PushSecrets of cross-cluster credentials", () => {
    const { connectHost, sharedVault } = fixtureContext("infra").inventory.external.onepassword;
    const push = parseAllDocuments(file(render("infra"), "/store/clustersecretstore-onepassword-shared.yaml").content)[0]!.toJS();
    expect(push.metadata.name).toBe(sharedPushStore);
    expect(push.spec.provider.onepassword).toMatchObject({ connectHost, vaults: { [sharedVault!]: 1 } });
  });

  it("GIVEN the two clusters THEN their renders differ only in the vault (and the cluster paths)", () => {
    const strip = (files: GeneratedFile[], cluster: Cluster) => {
      const name = new RegExp(`(?<![\\w-])${cluster}(?![\\w-])`, "g");
      return files.map((f) => ({ path: f.path.replace(name, "<cluster>"), content: f.content.replace(name, "<cluster>") }));
    };
    const infra = strip(render("infra"), "infra");
    const apps = strip(render("apps"), "apps");
    const differing = infra.filter((f, i) => f.content !== apps[i]?.content).map((f) => f.path);
    expect(differing).toEqual(["kubernetes/infrastructure/<cluster>/security/onepassword-connect/store/clustersecretstore-onepassword.yaml"]);
  });

  it("GIVEN the inventory's connectHost THEN Connect serves exactly that Service name and port", () => {
    const connect = values(render("infra"), "onepassword-connect").connect;
    expect(connect.applicationName).toBe("onepassword-connect");
    expect(connect.api.httpPort).toBe(8080);
    expect(connect.serviceType).toBe("ClusterIP");
    const ctx = withOnePassword(fixtureContext("infra"), "http://op.external-secrets.svc");
    const files = renderCluster({ name: "infra", components: components(ctx) });
    expect(values(files, "onepassword-connect").connect).toMatchObject({ applicationName: "op", api: { httpPort: 80 } });
  });

  it("GIVEN a connectHost in another namespace THEN the builder refuses it naming the inventory field", () => {
    const ctx = withOnePassword(fixtureContext("apps"), "http://onepassword-connect.security.svc.cluster.local:8080");
    expect(() => components(ctx)).toThrow(UserError);
    expect(() => components(ctx)).toThrow(
      'inventory of cluster "apps": external.onepassword.connectHost "http://onepassword-connect.security.svc.cluster.local:8080" points at namespace "security"',
    );
  });

  it("GIVEN the store stage THEN it waits for Connect and the operator and is healthy once the store is Ready", () => {
    const ks = parseAllDocuments(file(render("infra"), "/onepassword-connect/ks.yaml").content).map((d) => d.toJS());
    const storeKs = ks.find((k) => k.metadata.name === "onepassword-connect-store");
    expect(storeKs.spec.dependsOn).toEqual([
      { name: "external-secrets", namespace: "external-secrets" },
      { name: "onepassword-connect", namespace: "external-secrets" },
    ]);
    expect(storeKs.spec.healthCheckExprs[0]).toMatchObject({ kind: "ClusterSecretStore", current: expect.stringContaining("Ready") });
  });

  it("GIVEN secretStoreRef THEN a dependant waits for the store stage", () => {
    const [, connect] = components(fixtureContext("infra"));
    expect(secretStoreRef(connect)).toEqual({ name: "onepassword-connect", namespace: "external-secrets", stage: "store" });
  });

  it("GIVEN the render THEN no Secret is generated: the Connect credentials come from the bootstrap Secret", () => {
    const files = render("infra");
    expect(files.some((f) => /^kind: Secret$/m.test(f.content))).toBe(false);
    expect(values(files, "onepassword-connect").connect.credentialsName).toBe(onePasswordBootstrapSecret.name);
    expect(onePasswordBootstrapSecret.keys).toEqual(["1password-credentials.json", "token"]);
    expect(Object.keys(onePasswordBootstrapSecret.descriptions)).toEqual([...onePasswordBootstrapSecret.keys]);
  });
});
