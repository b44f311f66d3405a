import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { emitYaml, findPlainSecrets, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { estateOutputDir, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { gatewayDomain, gatewayRef } from "../cilium/index.js";
import { remoteServiceShadow, serviceHost, serviceUrl } from "../clustermesh/index.js";
import { keycloak, platformAdminGroup } from "../keycloak/index.js";
import { assertProvided, collectProvided } from "../needs/index.js";
import { chart, chartSecretNames, dragonflyDatabases, harborNeeds, leafPaths, redisDatabases, secretNames, undocumentedValuePaths } from "./index.js";
import {
  apps,
  build,
  documents,
  externalSecretFor,
  harborProps,
  infra,
  infraKeycloak,
  infraPostgres,
  ofKind,
  postgresItem,
  postgresRef,
  releaseValues,
  renderApps,
  renderConfigOverwrite,
  rgwRef,
  secretKeysOf,
} from "./test-support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const harborFiles = (files: readonly GeneratedFile[]) => files.filter((f) => f.path.includes("/platform/harbor/"));
const at = (values: any, path: string): unknown => path.split(".").reduce((node, key) => node?.[key], values);

describe("harbor", () => {
  it("GIVEN the apps inventory and infra's exports THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), harborFiles(renderApps()), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the chart pin THEN it is the official chart from Harbor's Helm repository", () => {
    expect(chart).toMatchObject({ type: "repository", name: "harbor", repository: "https://helm.goharbor.io" });
    expect(chart.version).toMatch(/^1\.\d+\.\d+$/);
  });

  it("GIVEN the default render THEN every document (HTTPRoute, ExternalSecrets, Dragonfly, ...) passes strict validation", () => {
    const files = renderApps();
    const kinds = new Set(documents(files).map((d) => d?.kind));
    for (const kind of ["HelmRelease", "HelmRepository", "ExternalSecret", "HTTPRoute", "Dragonfly", "PodMonitor", "NetworkPolicy", "Kustomization"]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(strictProblems(files)).toEqual([]);
  });

  it("GIVEN the Services Harbor reaches over ClusterMesh THEN they are listed and their shadow Services pass strict validation", () => {
    const component = build();
    expect(component.remoteServices).toEqual([postgresRef, rgwRef]);
    const shadows = component.remoteServices.map((service) => ({ path: `${service.name}.yaml`, content: emitYaml([remoteServiceShadow(service)], { source: "test" }) }));
    expect(strictProblems(shadows)).toEqual([]);
  });

  it("GIVEN refs owned by the cluster Harbor runs on THEN it needs no shadow Service", () => {
    expect(build({}, infra).remoteServices).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderApps())).toEqual([]);
  });

  it("GIVEN the infra Postgres service under another name and port THEN the database host follows and the old name appears nowhere", () => {
    const renamed = { ...postgresRef, name: "postgres-main-rw-global", port: 6432 };
    const files = renderApps(build({ database: { endpoint: renamed, secretItem: postgresItem } }));
    const external = releaseValues(files).database.external;
    expect(external.host).toBe(serviceHost(renamed));
    expect(external.port).toBe("6432");
    expect(files.some((f) => f.content.includes(postgresRef.name))).toBe(false);
  });

  it("GIVEN the infra RGW service under another name and port THEN the registry's S3 endpoint follows", () => {
    const moved = { ...rgwRef, name: "s3-global", port: 8080 };
    const files = renderApps(build({ objectStorage: { endpoint: moved, credentialsItem: "harbor-s3" } }));
    const s3 = releaseValues(files).persistence.imageChartStorage.s3;
    expect(s3.regionendpoint).toBe(serviceUrl(moved));
    expect(s3.regionendpoint).toContain(":8080");
    expect(files.some((f) => f.content.includes(rgwRef.name))).toBe(false);
  });

  it("GIVEN another external domain THEN the external URL, the route's hostname and the OIDC redirect URI all follow", () => {
    const inventory = { ...apps.inventory, cluster: { ...apps.inventory.cluster, domains: { ...apps.inventory.cluster.domains, external: "registry.example.org" } } };
    const component = build({}, { ...apps, inventory });
    const files = renderApps(component);
    expect(releaseValues(files).externalURL).toBe("https://harbor.registry.example.org");
    expect(ofKind(files, "HTTPRoute")[0].spec.hostnames).toEqual(["harbor.registry.example.org"]);
    expect(component.needs.oidcClients[0]!.redirectUris).toEqual(["https://harbor.registry.example.org/c/oidc/callback"]);
  });

  it("GIVEN the render THEN no Secret and no secret value is written: every credential comes from 1Password", () => {
    const files = harborFiles(renderApps());
    expect(findPlainSecrets(files)).toEqual([]);
    expect(ofKind(files, "Secret")).toEqual([]);
    const values = releaseValues(files);
    // The chart paths that take a secret value inline (each has an existingSecret* alternative).
    const inlineSecrets = [
      "harborAdminPassword",
      "secretKey",
      "core.secret",
      "core.xsrfKey",
      "core.tokenKey",
      "core.configureUserSettings",
      "jobservice.secret",
      "registry.secret",
      "registry.credentials.password",
      "registry.credentials.htpasswdString",
      "database.external.password",
      "redis.external.password",
      "persistence.imageChartStorage.s3.accesskey",
      "persistence.imageChartStorage.s3.secretkey",
    ];
    for (const path of inlineSecrets) expect(at(values, path), path).toBeUndefined();
    for (const es of ofKind(files, "ExternalSecret")) {
      for (const entry of es.spec.data) expect(entry.remoteRef.key, es.metadata.name).toMatch(/\S/);
      for (const [key, value] of Object.entries<string>(es.spec.target.template?.data ?? {})) {
        // Templated keys hold only Go-template references to fetched values, never a literal secret.
        if (key !== "CONFIG_OVERWRITE_JSON") expect(value, `${es.metadata.name}/${key}`).toMatch(/^\{\{ [^}]*\.password[^}]* \}\}$/);
      }
    }
  });

  it("GIVEN the values THEN every existingSecret* names a Secret one of Harbor's ExternalSecrets writes, with the key the chart reads", () => {
    const files = renderApps();
    const values = releaseValues(files);
    const written = new Set(ofKind(files, "ExternalSecret").map((e) => e.spec.target.name));
    // The chart's naming is irregular: these leaves name a key inside a Secret, not a Secret
    // (while `existingSecretSecretKey` does name a Secret, the one holding `secretKey`).
    const keyPointers = new Set(["existingSecretKey", "existingSecretAdminPasswordKey", "existingXsrfSecretKey"]);
    const referencing = leafPaths(values).filter((path) => /(^|\.)existing\w*Secret\w*$/.test(path) && !keyPointers.has(path.split(".").pop()!));
    expect(referencing.length).toBeGreaterThanOrEqual(8);
    for (const path of referencing) expect(written, path).toContain(at(values, path));
    // The keys the chart's templates read from each of those Secrets.
    const keysRead: [string, string[]][] = [
      ["existingSecretAdminPassword", [String(values.existingSecretAdminPasswordKey)]],
      ["existingSecretSecretKey", ["secretKey"]],
      ["core.existingSecret", ["secret"]],
      ["core.existingXsrfSecret", [String(values.core.existingXsrfSecretKey)]],
      ["jobservice.existingSecret", [String(values.jobservice.existingSecretKey)]],
      ["registry.existingSecret", [String(values.registry.existingSecretKey)]],
      ["registry.credentials.existingSecret", ["REGISTRY_PASSWD", "REGISTRY_HTPASSWD"]],
      ["database.external.existingSecret", ["password"]],
      ["persistence.imageChartStorage.s3.existingSecret", ["REGISTRY_STORAGE_S3_ACCESSKEY", "REGISTRY_STORAGE_S3_SECRETKEY"]],
    ];
    expect(keysRead.map(([path]) => path).sort()).toEqual([...referencing].sort());
    for (const [path, keys] of keysRead) expect(secretKeysOf(externalSecretFor(files, String(at(values, path)))), path).toEqual(expect.arrayContaining(keys));
    for (const env of values.core.extraEnvVars) {
      const ref = env.valueFrom.secretKeyRef;
      expect(secretKeysOf(externalSecretFor(files, ref.name))).toContain(ref.key);
    }
  });

  it("GIVEN Harbor's Secrets THEN none is named like a Secret the chart writes itself", () => {
    for (const name of Object.values(secretNames)) expect(chartSecretNames).not.toContain(name);
  });

  it("GIVEN the OIDC props THEN CONFIG_OVERWRITE_JSON logs in through the Keycloak realm with the client's secret, inserted only by External Secrets", () => {
    const files = renderApps();
    const es = externalSecretFor(files, secretNames.configOverwrite);
    expect(es.spec.data).toEqual([{ secretKey: "client_secret", remoteRef: { key: "harbor-oidc", property: "client-secret" } }]);
    const settings = renderConfigOverwrite(es.spec.target.template.data.CONFIG_OVERWRITE_JSON, 'p"a\\ss');
    expect(settings).toMatchObject({
      auth_mode: "oidc_auth",
      oidc_endpoint: infraKeycloak.issuerUrl,
      oidc_client_id: "harbor",
      oidc_client_secret: 'p"a\\ss',
      oidc_groups_claim: "groups",
      oidc_admin_group: platformAdminGroup,
    });
    expect(releaseValues(files).core.extraEnvVars).toEqual([
      { name: "CONFIG_OVERWRITE_JSON", valueFrom: { secretKeyRef: { name: secretNames.configOverwrite, key: "CONFIG_OVERWRITE_JSON" } } },
    ]);
  });

  it("GIVEN extra user settings THEN they join the OIDC ones, and setting the client secret in the repository is refused", () => {
    const files = renderApps(build({ userSettings: { project_creation_restriction: "adminonly" } }));
    const template = externalSecretFor(files, secretNames.configOverwrite).spec.target.template.data.CONFIG_OVERWRITE_JSON;
    expect(renderConfigOverwrite(template, "s")).toMatchObject({ project_creation_restriction: "adminonly", auth_mode: "oidc_auth" });
    expect(() => build({ userSettings: { oidc_client_secret: "hunter2" } })).toThrow(UserError);
    expect(() => build({ userSettings: { oidc_client_secret: "hunter2" } })).toThrow('must not set "oidc_client_secret"');
  });

  it("GIVEN the route THEN API, token, registry and OIDC paths reach core and every other path the portal, on the external Gateway", () => {
    const [route] = ofKind(renderApps(), "HTTPRoute");
    const { name, namespace, sectionName } = gatewayRef(apps, "external");
    expect(route.spec.parentRefs).toEqual([expect.objectContaining({ name, namespace, sectionName })]);
    expect(route.spec.hostnames).toEqual([`harbor.${gatewayDomain(apps, "external")}`]);
    // Gateway API semantics: the longest matching path prefix (element by element) wins.
    const backendOf = (path: string): string => {
      let best = { length: -1, backend: "none" };
      for (const rule of route.spec.rules) {
        for (const match of rule.matches) {
          const prefix = match.path.value.replace(/\/$/, "");
          const matches = prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
          if (matches && prefix.length > best.length) best = { length: prefix.length, backend: rule.backendRefs[0].name };
        }
      }
      return best.backend;
    };
    for (const path of ["/api/v2.0/projects", "/service/token", "/v2/", "/v2/library/nginx/manifests/latest", "/c/oidc/callback", "/c/login"]) {
      expect(backendOf(path), path).toBe("harbor-core");
    }
    for (const path of ["/", "/harbor/projects", "/account/sign-in", "/apis", "/v2x"]) expect(backendOf(path), path).toBe("harbor-portal");
  });

  it("GIVEN Harbor's Redis database indexes THEN they are distinct, core uses 0, and the Dragonfly instance keeps enough databases", () => {
    const indexes = Object.values(redisDatabases);
    expect(new Set(indexes).size).toBe(indexes.length);
    expect(redisDatabases.core).toBe(0);
    for (const index of indexes) expect(index).toBeLessThan(dragonflyDatabases);
    const files = renderApps();
    const [instance] = ofKind(files, "Dragonfly");
    expect(instance.spec.args).toEqual(expect.arrayContaining([`--dbnum=${dragonflyDatabases}`, "--default_lua_flags=allow-undeclared-keys", "--cluster_mode=emulated"]));
    const redis = releaseValues(files).redis;
    expect(redis.type).toBe("external");
    expect(redis.external.addr).toBe(`${instance.metadata.name}.harbor.svc:6379`);
    const chartIndexes = ["coreDatabaseIndex", "jobserviceDatabaseIndex", "registryDatabaseIndex", "trivyAdapterIndex"].map((key) => Number(redis.external[key]));
    expect(chartIndexes).toEqual([redisDatabases.core, redisDatabases.jobservice, redisDatabases.registry, redisDatabases.trivy]);
  });

  it("GIVEN the Dragonfly instance THEN Harbor's pods and the operator may reach its Redis port", () => {
    const files = renderApps();
    const [instance] = ofKind(files, "Dragonfly");
    const policy = ofKind(files, "NetworkPolicy").find((p) => p.metadata.name.endsWith("-clients"));
    expect(policy.spec.podSelector.matchLabels).toEqual(instance.spec.topologySpreadConstraints[0].labelSelector.matchLabels);
    expect(policy.spec.ingress[0]).toEqual({ from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: 6379 }] });
    expect(policy.spec.ingress[1].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"]).toBe(dragonflyOperatorNamespace());
  });

  it("GIVEN the component THEN its needs are those harborNeeds computes, and infra's Postgres, object store and Keycloak can provide them", () => {
    const component = build();
    expect(component.needs).toEqual(harborNeeds(apps, harborProps()));
    expect(component.url).toBe(`https://harbor.${gatewayDomain(apps, "external")}`);
    expect(component.needs.oidcClients[0]!.redirectUris).toEqual([`${component.url}/c/oidc/callback`]);
    const values = releaseValues(renderApps(component));
    expect(values.database.external).toMatchObject({ coreDatabase: component.needs.databases[0]!.database, username: component.needs.databases[0]!.owner });
    expect(values.persistence.imageChartStorage.s3.bucket).toBe(component.needs.buckets[0]!.bucket);
    const identity = keycloak(infra, { oidcClients: component.needs.oidcClients });
    expect(() => assertProvided(component.needs, collectProvided(infraPostgres, identity, { buckets: ["harbor-registry"] }))).not.toThrow();
    expect(() => assertProvided(component.needs, collectProvided(infraPostgres, identity))).toThrow('Harbor needs bucket "harbor-registry"');
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(renderApps(build({ values: { core: { replicas: 3 }, trivy: { severity: "HIGH,CRITICAL" } } })));
    expect(values.core.replicas).toBe(3);
    expect(values.core.existingSecret).toBe(secretNames.core);
    expect(values.trivy).toMatchObject({ enabled: true, skipUpdate: false, offlineScan: false, severity: "HIGH,CRITICAL" });
  });

  it("GIVEN the default values THEN every path is one the chart documents, and a misspelled override is caught", () => {
    expect(undocumentedValuePaths(releaseValues(renderApps()))).toEqual([]);
    const typo = releaseValues(renderApps(build({ values: { trivy: { skipUpdates: true } } as never })));
    expect(undocumentedValuePaths(typo)).toEqual(["trivy.skipUpdates"]);
  });

  it("GIVEN several invalid props THEN one UserError names each field and value", () => {
    let error: unknown;
    try {
      build({ oidc: { issuerUrl: "http://auth.example.net/realms/platform/", secretItem: " " }, objectStorage: { endpoint: { ...rgwRef, port: 0 }, credentialsItem: "" } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      "objectStorage.endpoint.port: must be an integer from 1 to 65535, got 0",
      'objectStorage.credentialsItem must not be empty, got ""',
      'oidc.secretItem must not be empty, got " "',
      'oidc.issuerUrl must be an https URL without a trailing slash, query or fragment (the Keycloak value\'s issuerUrl), got "http://auth.example.net/realms/platform/"',
    ]);
  });
});

function dragonflyOperatorNamespace(): string {
  return harborProps().cache.operator.namespace;
}
