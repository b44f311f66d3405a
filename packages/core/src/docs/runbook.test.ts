import { describe, expect, it } from "vitest";
import type { Component } from "../component/index.js";
import { placeholderProblems, placeholderRows, postgresClusterRows, secretItemRows } from "./runbook.js";

const store = (name: string, vaults: Record<string, number>) => ({
  apiVersion: "external-secrets.io/v1",
  kind: "ClusterSecretStore",
  metadata: { name },
  spec: { provider: { onepassword: { vaults } } },
});
const externalSecret = (name: string, item: string, property: string) => ({
  apiVersion: "external-secrets.io/v1",
  kind: "ExternalSecret",
  metadata: { name },
  spec: { secretStoreRef: { kind: "ClusterSecretStore", name: "onepassword" }, data: [{ secretKey: "x", remoteRef: { key: item, property } }] },
});
const push = (item: string) => ({
  apiVersion: "external-secrets.io/v1alpha1",
  kind: "PushSecret",
  metadata: { name: `${item}-push` },
  spec: { secretStoreRefs: [{ kind: "ClusterSecretStore", name: "onepassword-shared" }], data: [{ match: { secretKey: "k", remoteRef: { remoteKey: item, property: "key" } } }] },
});
const cluster = (name: string, resources: unknown[], secrets: { name: string; namespace: string; purpose: string; stringData: Record<string, string> }[] = []) => ({
  name,
  bootstrap: { core: [], crds: [], secrets },
  components: [{ name: "app", namespace: "web", area: "workloads", category: "apps", stages: [{ name: "app", resources }] } as unknown as Component],
});
const stores = (own: string) => [store("onepassword", { [own]: 1, shared: 2 }), store("onepassword-shared", { shared: 1 })];

describe("secretItemRows", () => {
  it("GIVEN a bootstrap secret and an ExternalSecret THEN each item is listed in its vault with its fields, phase and reader", () => {
    const rows = secretItemRows([
      cluster("infra", [...stores("infra"), externalSecret("grafana-admin", "grafana", "password")], [
        { name: "sops-age", namespace: "flux-system", purpose: "SOPS", stringData: { key: "op://infra/sops-age/age-key" } },
      ]),
    ]);
    expect(rows).toEqual([
      { vault: "infra", item: "sops-age", fields: "age-key", when: "create before bootstrap", readers: "infra: bootstrap Secret flux-system/sops-age" },
      { vault: "infra", item: "grafana", fields: "password", when: "create before Flux syncs", readers: "infra: ExternalSecret web/grafana-admin" },
    ]);
  });

  it("GIVEN an item a PushSecret writes to the shared vault THEN its reader on another cluster finds it there and nobody creates it", () => {
    const rows = secretItemRows([cluster("infra", [...stores("infra"), push("harbor-s3")]), cluster("apps", [...stores("apps"), externalSecret("s3", "harbor-s3", "key")])]);
    expect(rows).toEqual([expect.objectContaining({ vault: "shared", item: "harbor-s3", when: "written by the cluster" })]);
  });

  it("GIVEN the same item read by two clusters THEN it is created once, in the first vault both stores search", () => {
    const rows = secretItemRows([cluster("infra", [...stores("infra"), externalSecret("a", "db", "password")]), cluster("apps", [...stores("apps"), externalSecret("b", "db", "password")])]);
    expect(rows.map((r) => `${r.vault}/${r.item}`)).toEqual(["shared/db"]);
  });
});

describe("placeholderRows", () => {
  it("GIVEN example domains and repositories in an inventory THEN each is listed by field; real values are not", () => {
    const inventory = { cluster: { git: { url: "ssh://git@github.com/example/k8s-gitops.git" }, domains: { external: "example.net", internal: "lab.home.arpa" } } };
    expect(placeholderRows([{ name: "infra", inventory } as never])).toEqual([
      { cluster: "infra", field: "cluster.git.url", value: "ssh://git@github.com/example/k8s-gitops.git" },
      { cluster: "infra", field: "cluster.domains.external", value: "example.net" },
    ]);
  });
});

describe("placeholderProblems", () => {
  const inventory = (url: string) => ({ cluster: { git: { url }, domains: { external: "example.net" } } });

  it("GIVEN the reference estate (Flux source still the example repository) THEN it renders as the demo it is", () => {
    expect(placeholderProblems([{ name: "infra", inventory: inventory("ssh://git@github.com/example/k8s-gitops.git") } as never])).toEqual([]);
  });

  it("GIVEN a real repository and an example domain left THEN the domain is refused by cluster, field and value", () => {
    expect(placeholderProblems([{ name: "infra", inventory: inventory("ssh://git@github.com/acme/platform.git") } as never])).toEqual([
      'cluster infra: cluster.domains.external is still the example value "example.net"',
    ]);
  });
});

describe("postgresClusterRows", () => {
  it("GIVEN CloudNativePG Clusters among other objects THEN each is a row in its component's namespace, and other kinds named Cluster are not", () => {
    const pg = { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", metadata: { name: "pg" } };
    const other = { apiVersion: "cluster.x-k8s.io/v1beta1", kind: "Cluster", metadata: { name: "capi" } };
    expect(postgresClusterRows([cluster("infra", [pg, other, externalSecret("x", "y", "z")])])).toEqual([{ cluster: "infra", namespace: "web", name: "pg" }]);
  });
});
