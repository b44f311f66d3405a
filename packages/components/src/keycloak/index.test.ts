import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, renderSharedTrees, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { assertProvided, collectNeeds, collectProvided, oidcClientNeed, type OidcClientNeed } from "../needs/index.js";
import { defaultPostgresEndpoints, keycloak, operatorRelease, type KeycloakProps } from "./index.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
type ClusterName = "infra" | "apps";

const clientNeeds = (cluster: ClusterName): OidcClientNeed[] => {
  const domain = fixtureContext(cluster).inventory.cluster.domains.internal;
  return [
    oidcClientNeed({ consumer: "GitLab", clientId: "gitlab", redirectUris: [`https://gitlab.${domain}/users/auth/openid_connect/callback`], secretItem: "gitlab-oidc" }),
    oidcClientNeed({ consumer: "Harbor", clientId: "harbor", redirectUris: [`https://harbor.${domain}/c/oidc/callback`], secretItem: "harbor-oidc" }),
    oidcClientNeed({ consumer: "Grafana", clientId: "grafana", redirectUris: [`https://grafana.${domain}/login/generic_oauth`], secretItem: "grafana-oidc" }),
  ];
};

const build = (cluster: ClusterName, props: KeycloakProps = {}) => keycloak(fixtureContext(cluster), { oidcClients: clientNeeds("apps"), ...props });
const render = (cluster: ClusterName, props: KeycloakProps = {}): GeneratedFile[] => {
  const definition = { name: cluster, components: [build(cluster, props)] };
  return [...renderCluster(definition), ...renderSharedTrees([definition])];
};
const docOf = (files: GeneratedFile[], suffix: string) => {
  const file = files.find((f) => f.path.endsWith(suffix));
  if (!file) throw new Error(`no rendered file ends with ${suffix}: ${files.map((f) => f.path).join(", ")}`);
  return parse(file.content);
};

describe("keycloak", () => {
  it("GIVEN the infra inventory and three client needs THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the render THEN every document (Keycloak, realm import, HTTPRoute, Flux objects) passes strict validation", () => {
    const files = render("infra");
    const kinds = files.flatMap((f) => parseAllDocuments(f.content).map((d) => (d.toJS() as { kind?: string } | null)?.kind));
    expect(kinds).toEqual(expect.arrayContaining(["Keycloak", "KeycloakRealmImport", "HTTPRoute", "GitRepository", "Kustomization", "ExternalSecret"]));
    expect(strictProblems(files)).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the render with the operator base THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(render("infra"))).toEqual([]);
  });

  it("GIVEN the operator base THEN it pins the release tag, keeps only the operator manifests and applies them into keycloak", () => {
    const files = render("infra");
    const source = docOf(files, "bases/keycloak-operator/gitrepository.yaml");
    expect(source.spec.ref).toEqual({ tag: operatorRelease.tag });
    expect(source.spec.ignore.split("\n")).toEqual(expect.arrayContaining(["/*", "!/kubernetes/kubernetes.yml", "!/kubernetes/kustomization.yml"]));
    const ks = docOf(files, "bases/keycloak-operator/kustomization-keycloak-operator.yaml");
    expect(ks.spec).toMatchObject({ path: "./kubernetes", targetNamespace: "keycloak", prune: true, wait: true, sourceRef: { kind: "GitRepository", name: "keycloak-operator" } });
    expect(docOf(files, "platform/keycloak/app/kustomization.yaml").resources).toEqual(["../../../../../bases/keycloak-operator"]);
  });

  it("GIVEN the infra and the apps cluster both running it THEN the operator base is identical (cluster-agnostic)", () => {
    const clusters = (["infra", "apps"] as const).map((name) => ({ name, components: [build(name)] }));
    expect(() => renderSharedTrees(clusters)).not.toThrow();
  });

  it("GIVEN three client needs THEN the realm holds exactly one client per need and only secret placeholders", () => {
    const files = render("infra");
    const realmImport = docOf(files, "realm/keycloakrealmimport.yaml");
    const clients = realmImport.spec.realm.clients as { clientId: string; secret: string; redirectUris: string[] }[];
    const needs = clientNeeds("apps");
    expect(clients.map((c) => c.clientId).sort()).toEqual(needs.map((n) => n.clientId).sort());
    for (const need of needs) expect(clients.find((c) => c.clientId === need.clientId)?.redirectUris).toEqual(need.redirectUris);
    for (const client of clients) {
      const variable = /^\$\{([A-Z0-9_]+)\}$/.exec(client.secret)?.[1];
      expect(variable, `client ${client.clientId} secret must be a placeholder`).toBeDefined();
      const secretName = realmImport.spec.placeholders[variable!].secret.name;
      const es = docOf(files, `realm/externalsecret-${secretName}.yaml`);
      expect(es.spec.data[0].remoteRef.key).toBe(needs.find((n) => n.clientId === client.clientId)!.secretItem);
    }
    expect(files.some((f) => /^kind: Secret$/m.test(f.content))).toBe(false);
    expect(realmImport.metadata.annotations["kustomize.toolkit.fluxcd.io/substitute"]).toBe("disabled");
  });

  it("GIVEN the realm THEN every client maps group names into a groups claim and the admin group exists", () => {
    const realm = docOf(render("infra"), "realm/keycloakrealmimport.yaml").spec.realm;
    expect(realm.groups).toEqual([{ name: "platform-admins", path: "/platform-admins" }]);
    for (const client of realm.clients) {
      expect(client.protocolMappers).toContainEqual(expect.objectContaining({ protocolMapper: "oidc-group-membership-mapper", config: expect.objectContaining({ "claim.name": "groups" }) }));
      expect(client).toMatchObject({ standardFlowEnabled: true, implicitFlowEnabled: false, directAccessGrantsEnabled: false });
    }
    expect(realm.clientScopes).toBeUndefined();
  });

  it("GIVEN the shared Postgres endpoints THEN the server uses its primary, database keycloak and a login Secret in its own namespace", () => {
    const ctx = fixtureContext("infra");
    const endpoints = defaultPostgresEndpoints(ctx, "keycloak");
    const files = render("infra");
    const spec = docOf(files, "server/keycloak.yaml").spec;
    expect(spec.db).toEqual({
      vendor: "postgres",
      host: endpoints.rw.host,
      port: endpoints.rw.port,
      database: "keycloak",
      usernameSecret: { name: "keycloak-db", key: "username" },
      passwordSecret: { name: "keycloak-db", key: "password" },
    });
    const login = docOf(files, "server/externalsecret-keycloak-db.yaml");
    expect(login.spec.data[0].remoteRef.key).toBe(endpoints.databases.keycloak!.item);
    expect(login.spec.target.template.data.host).toBe(endpoints.rw.host);
  });

  it("GIVEN via pooler THEN the server connects through PgBouncer", () => {
    const endpoints = defaultPostgresEndpoints(fixtureContext("infra"), "keycloak");
    expect(docOf(render("infra", { via: "pooler" }), "server/keycloak.yaml").spec.db.host).toBe(endpoints.pooler!.host);
  });

  it("GIVEN the default render THEN Keycloak serves HTTP with forwarded headers and no Ingress, the admin console on the internal Gateway only", () => {
    const files = render("infra");
    const spec = docOf(files, "server/keycloak.yaml").spec;
    expect(spec).toMatchObject({ instances: 2, http: { httpEnabled: true }, proxy: { headers: "xforwarded" }, ingress: { enabled: false } });
    const route = docOf(files, "server/httproute-keycloak.yaml");
    expect(route.spec.parentRefs[0]).toMatchObject({ name: "internal", sectionName: "https" });
    expect(route.spec.hostnames).toEqual(["auth.infra.lab.example.net"]);
    expect(route.spec.rules).toEqual([{ backendRefs: [{ name: "keycloak-service", port: 8080 }] }]);
  });

  it("GIVEN the default render THEN the external Gateway carries only the public paths (realms, resources, robots.txt), never /admin", () => {
    const route = docOf(render("infra"), "server/httproute-keycloak-public.yaml");
    expect(route.spec.parentRefs[0]).toMatchObject({ name: "external", sectionName: "https" });
    expect(route.spec.hostnames).toEqual(["auth.example.net"]);
    expect(route.spec.rules).toHaveLength(1);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: "keycloak-service", port: 8080 }]);
    expect(route.spec.rules[0].matches.map((m: { path: { type: string; value: string } }) => `${m.path.type} ${m.path.value}`)).toEqual([
      "PathPrefix /realms",
      "PathPrefix /resources",
      "Exact /robots.txt",
    ]);
  });

  it("GIVEN infra and apps THEN the issuer follows each inventory's external domain, the admin console its internal one, and nothing else differs", () => {
    const [infra, apps] = (["infra", "apps"] as const).map((c) => build(c));
    const domains = (c: ClusterName) => fixtureContext(c).inventory.cluster.domains;
    expect(infra!.issuerUrl).toBe(`https://auth.${domains("infra").external}/realms/platform`);
    expect(apps!.issuerUrl).toBe(`https://auth.${domains("apps").external}/realms/platform`);
    const server = (c: ClusterName) => docOf(render(c), "server/keycloak.yaml").spec;
    expect({ ...server("infra"), hostname: null }).toEqual({ ...server("apps"), hostname: null });
    expect(server("apps").hostname).toEqual({ hostname: `https://auth.${domains("apps").external}`, admin: `https://auth.${domains("apps").internal}` });
  });

  it("GIVEN a spec override THEN sibling defaults are kept", () => {
    const spec = docOf(render("infra", { spec: { http: { httpPort: 8081 }, resources: { limits: { memory: "3Gi" } } } }), "server/keycloak.yaml").spec;
    expect(spec.http).toEqual({ httpEnabled: true, httpPort: 8081 });
    expect(spec.resources).toEqual({ requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "3Gi" } });
  });

  it("GIVEN typed refs THEN the server stage waits for Postgres, the secret store and the gateway", () => {
    const postgres = { name: "postgres-shared", namespace: "databases", area: "infrastructure", category: "databases", stages: [{ name: "cluster", resources: [] }] } as const;
    const value = build("infra", {
      postgres: { ...postgres, endpoints: defaultPostgresEndpoints(fixtureContext("infra"), "keycloak") },
      secretStore: { name: "onepassword-connect", namespace: "external-secrets", stage: "store" },
      gateway: { name: "cilium", namespace: "kube-system", stage: "gateway" },
    });
    expect(value.stages.find((s) => s.name === "server")?.dependsOn).toEqual([
      { name: "postgres-shared", namespace: "databases" },
      { name: "onepassword-connect", namespace: "external-secrets", stage: "store" },
      { name: "cilium", namespace: "kube-system", stage: "gateway" },
    ]);
    expect(build("infra").stages.find((s) => s.name === "server")?.dependsOn).toEqual([]);
  });

  it("GIVEN the value THEN it provides exactly the requested clients and needs its own database", () => {
    const value = build("infra");
    expect([...value.provided.oidcClients].sort()).toEqual(["gitlab", "grafana", "harbor"]);
    expect(value.needs.databases).toEqual([{ kind: "database", consumer: "Keycloak", database: "keycloak", owner: "keycloak" }]);
    expect(value.oidc.discovery).toBe(`${value.issuerUrl}/.well-known/openid-configuration`);
    expect(value.oidc.token).toBe(`${value.issuerUrl}/protocol/openid-connect/token`);
  });

  it("GIVEN a workload whose client was not passed to Keycloak THEN assertProvided names it", () => {
    const gitea = oidcClientNeed({ consumer: "Gitea", clientId: "gitea", redirectUris: ["https://gitea.example.net/cb"], secretItem: "gitea-oidc" });
    const value = build("infra");
    const all = collectNeeds({ oidcClients: [...clientNeeds("apps"), gitea] }, value.needs);
    expect(() => assertProvided(all, collectProvided(value, { databases: ["keycloak"] }))).toThrow(
      'Gitea needs OIDC client "gitea" but Keycloak does not provision it',
    );
    expect(() => assertProvided(collectNeeds({ oidcClients: clientNeeds("apps") }, value.needs), collectProvided(value, { databases: ["keycloak"] }))).not.toThrow();
  });

  it("GIVEN bad props THEN the builder refuses them with the offending value", () => {
    expect(() => build("infra", { instances: 0 })).toThrow(UserError);
    expect(() => build("infra", { instances: 0 })).toThrow("instances must be a whole number of at least 1, got 0");
    const endpoints = defaultPostgresEndpoints(fixtureContext("infra"), "other");
    expect(() => build("infra", { postgres: { endpoints } })).toThrow('provisions no database "keycloak" (it has: "other")');
    const [gitlab] = clientNeeds("apps");
    expect(() => build("infra", { oidcClients: [gitlab!, { ...gitlab!, consumer: "GitLab EE" }] })).toThrow('client "gitlab" is used by both GitLab and GitLab EE');
  });
});
