import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emitYaml, ref, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { gatewayDomain } from "../cilium/index.js";
import { remoteServiceShadow, serviceHost } from "../clustermesh/index.js";
import { chart, chartServices, gitlab, gitlabNeeds } from "./index.js";
import { apps, build, documents, dragonflyOperatorComponent, gitlabProps, infra, ofKind, postgresRef, releaseValues, renderApps, resourcesOf, rgwRef } from "./test-support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const gitlabFiles = (files: readonly GeneratedFile[]) => files.filter((f) => f.path.includes("/platform/gitlab/"));

describe("gitlab", () => {
  it("GIVEN the apps inventory and infra's exports THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), gitlabFiles(renderApps()), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the chart pin THEN it is a 9.x release from the official repository", () => {
    expect(chart).toMatchObject({ type: "repository", name: "gitlab", repository: "https://charts.gitlab.io" });
    expect(chart.version).toMatch(/^9\.\d+\.\d+$/);
  });

  it("GIVEN the default render and every option THEN each document (HTTPRoutes, ExternalSecrets, Dragonfly, ...) passes strict validation", () => {
    expect(strictProblems(renderApps())).toEqual([]);
    const everything = build({
      ssh: { address: "10.25.13.12" },
      railsSecretsItem: "gitlab-rails",
      redis: { dragonfly: { operator: ref(dragonflyOperatorComponent), snapshot: { size: "2Gi" }, replicas: 3 } },
    });
    expect(strictProblems(renderApps(everything))).toEqual([]);
  });

  it("GIVEN the Services GitLab reaches over ClusterMesh THEN their shadow Services on apps pass strict validation", () => {
    const component = build();
    expect(component.remoteServices).toEqual([postgresRef, rgwRef]);
    const shadows = component.remoteServices.map((service) => ({ path: `${service.name}.yaml`, content: emitYaml([remoteServiceShadow(service)], { source: "test" }) }));
    expect(strictProblems(shadows)).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderApps(build({ railsSecretsItem: "gitlab-rails" })))).toEqual([]);
  });

  it("GIVEN the infra Postgres service under another name THEN the psql host follows and the old name appears nowhere", () => {
    const renamed = { ...postgresRef, name: "postgres-main-rw-global", port: 6432 };
    const files = renderApps(build({ database: { endpoint: renamed, secretItem: "postgres-shared-gitlab" } }));
    const psql = releaseValues(files).global.psql;
    expect(psql.host).toBe(serviceHost(renamed));
    expect(psql.port).toBe(6432);
    expect(files.some((f) => f.content.includes(postgresRef.name))).toBe(false);
  });

  it("GIVEN the infra RGW service under another name THEN every S3 client configuration follows", () => {
    const moved = { ...rgwRef, name: "s3-global", port: 8080 };
    const files = renderApps(build({ objectStorage: { endpoint: moved, credentialsItem: "gitlab-s3" } }));
    const template = ofKind(files, "ExternalSecret").find((e) => e.metadata.name === "gitlab-object-storage").spec.target.template.data;
    for (const key of ["connection", "registry", "s3cfg"]) {
      expect(template[key]).toContain(`${serviceHost(moved)}:8080`);
      expect(template[key]).not.toContain(rgwRef.name);
    }
  });

  it("GIVEN the default render THEN every host in the values comes from the inventory's external domain or a typed ref", () => {
    const values = releaseValues(renderApps());
    const domain = gatewayDomain(apps, "external");
    expect(values.global.hosts).toEqual({
      domain,
      https: true,
      gitlab: { name: `gitlab.${domain}` },
      registry: { name: `registry.${domain}` },
      ssh: `ssh.${domain}`,
    });
    expect(values.global.psql.host).toBe(serviceHost(postgresRef));
    // The operator names the Service after the Dragonfly instance, in the instance's namespace.
    const instance = resourcesOf(build()).Dragonfly![0];
    expect(values.global.redis).toMatchObject({ host: `${instance.metadata.name}.gitlab.svc`, port: 6379 });
  });

  it("GIVEN a different external domain in the inventory THEN hosts, routes and the OIDC callback move with it", () => {
    const inventory = { ...apps.inventory, cluster: { ...apps.inventory.cluster, domains: { ...apps.inventory.cluster.domains, external: "example.org" } } };
    const component = gitlab({ ...apps, inventory }, gitlabProps());
    const routes = resourcesOf(component).HTTPRoute!;
    expect(routes.map((r) => r.spec.hostnames[0]).sort()).toEqual(["gitlab.example.org", "registry.example.org"]);
    expect(component.url).toBe("https://gitlab.example.org");
    expect(component.needs.oidcClients[0]!.redirectUris).toEqual(["https://gitlab.example.org/users/auth/openid_connect/callback"]);
  });

  it("GIVEN the routes THEN they attach to the external Gateway and reach the chart's webservice and registry Services", () => {
    const routes = ofKind(renderApps(), "HTTPRoute");
    expect(routes.map((r) => r.spec.parentRefs)).toEqual([
      [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "external", namespace: "kube-system", sectionName: "https" }],
      [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "external", namespace: "kube-system", sectionName: "https" }],
    ]);
    const backends = routes.map((r) => r.spec.rules[0].backendRefs[0]).sort((a, b) => a.port - b.port);
    expect(backends).toEqual([
      { name: "gitlab-registry", port: 5000 },
      { name: "gitlab-webservice-default", port: 8181 },
    ]);
    expect(chartServices.webservice).toEqual({ name: "gitlab-webservice-default", port: 8181 });
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(renderApps(build({ values: { gitlab: { webservice: { minReplicas: 3 } } } })));
    expect(values.gitlab.webservice.minReplicas).toBe(3);
    expect(values.gitlab.webservice.maxReplicas).toBe(3);
    expect(values.gitlab.webservice.resources).toEqual({ requests: { cpu: "500m", memory: "2560Mi" } });
    expect(values.global.psql.host).toBe(serviceHost(postgresRef));
  });

  it("GIVEN the component value THEN it carries exactly the needs gitlabNeeds computes before infra is built", () => {
    const component = build({ bucketPrefix: "git" });
    expect(component.needs).toEqual(gitlabNeeds(apps, { bucketPrefix: "git", oidc: { secretItem: "gitlab-oidc" } }));
    expect(component.needs.databases).toEqual([{ kind: "database", consumer: "GitLab", database: "gitlabhq_production", owner: "gitlab" }]);
    expect(component.needs.oidcClients[0]).toMatchObject({ clientId: "gitlab", redirectUris: [`${component.url}/users/auth/openid_connect/callback`], secretItem: "gitlab-oidc" });
    expect(component.needs.buckets.map((b) => b.bucket)).toContain("git-registry");
  });

  it("GIVEN the default Dragonfly THEN the cache stage precedes the release, waits for the operator and allows GitLab's Lua scripts", () => {
    const component = build();
    expect(component.stages.map((s) => s.name)).toEqual(["cache", "app"]);
    expect(component.stages[0]!.dependsOn).toEqual([ref(dragonflyOperatorComponent)]);
    const instance = resourcesOf(component).Dragonfly![0];
    expect(instance.metadata.name).toBe("gitlab-dragonfly");
    expect(instance.spec.args).toContain("--default_lua_flags=allow-undeclared-keys");
  });

  it("GIVEN an existing Redis endpoint THEN no cache stage is built and the values use that endpoint", () => {
    const component = build({ redis: { endpoint: { host: "redis.shared.svc", port: 6380 } } });
    expect(component.stages.map((s) => s.name)).toEqual(["app"]);
    const redis = releaseValues(renderApps(component)).global.redis;
    expect(redis).toEqual({ host: "redis.shared.svc", port: 6380, auth: { enabled: false } });
  });

  it("GIVEN Dragonfly without a password THEN GitLab does not send one and no password ExternalSecret exists", () => {
    const component = build({ redis: { dragonfly: { operator: ref(dragonflyOperatorComponent), auth: false } } });
    expect(releaseValues(renderApps(component)).global.redis.auth).toEqual({ enabled: false });
    expect(resourcesOf(component).ExternalSecret!.map((e) => e.metadata.name)).not.toContain("gitlab-dragonfly-auth");
  });

  it("GIVEN the apps context THEN the database and object store on infra are remote; GIVEN the infra context THEN they are not", () => {
    expect(build().remoteServices).toHaveLength(2);
    expect(build({}, infra).remoteServices).toEqual([]);
  });

  it("GIVEN dependencies THEN the release stage waits for the secret store, the Gateways and the shadow Services", () => {
    const store = { name: "onepassword-connect", namespace: "external-secrets", stage: "store" };
    const gateways = { name: "cilium", namespace: "kube-system", stage: "gateway" };
    const shadows = { name: "postgres-shared-remote", namespace: "databases" };
    const component = build({ secretStore: store, gateway: gateways, dependsOn: [shadows] });
    expect(component.stages.find((s) => s.name === "app")!.dependsOn).toEqual([store, gateways, shadows]);
    expect(component.stages.find((s) => s.name === "cache")!.dependsOn).toEqual([ref(dragonflyOperatorComponent), store]);
  });

  it("GIVEN several bad props THEN one UserError names each field and value", () => {
    let error: unknown;
    try {
      build({
        database: { endpoint: { ...postgresRef, port: 0 }, secretItem: " " },
        oidc: { issuerUrl: "http://auth.example.net/realms/platform/", secretItem: "gitlab-oidc" },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      "database.endpoint.port: must be an integer from 1 to 65535, got 0",
      'database.secretItem must not be empty, got " "',
      'oidc.issuerUrl must be an https URL without a trailing slash, query or fragment (the Keycloak value\'s issuerUrl), got "http://auth.example.net/realms/platform/"',
    ]);
  });

  it("GIVEN an SSH host that is not a DNS label THEN it is refused naming the field", () => {
    expect(() => build({ ssh: { host: "git.ssh" } })).toThrow('gitlab: ssh.host must be one DNS label (lowercase letters, digits, \'-\'), got "git.ssh"');
  });

  it("GIVEN the rendered tree THEN it holds no Secret object at all", () => {
    expect(documents(renderApps(build({ railsSecretsItem: "gitlab-rails" }))).filter((d) => d?.kind === "Secret")).toEqual([]);
  });
});
