import { fc, test } from "@fast-check/vitest";
import { ref, renderCluster, UserError } from "@k8s-gitops/core";
import { fixtureContext, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import {
  barmanPlugin,
  cloudnativePg,
  databaseSecret,
  globalServiceStub,
  postgresCluster,
  remotePostgres,
  sharedPostgres,
  type PoolerOptions,
  type PostgresClusterProps,
} from "./index.js";
import { buildPostgres, resourcesOf } from "./test-support.js";

const context = fixtureContext("infra");
const operator = ref(cloudnativePg(context));
const identifier = fc.stringMatching(/^[a-z]([a-z0-9_]{0,10}[a-z0-9])?$/).filter((s) => !s.startsWith("pg_") && s !== "postgres" && s !== "public");

/** Any valid combination of the props that shape backups: size, pooler, recovery, ClusterMesh, retention. */
const propsArb = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/),
    instances: fc.integer({ min: 1, max: 3 }),
    pooler: fc.constantFrom<PoolerOptions | false | undefined>(undefined, false, { instances: 3, poolMode: "transaction" }),
    recovery: fc.option(fc.option(fc.constant("2026-05-01T12:00:00Z"), { nil: undefined }), { nil: null }),
    globalService: fc.boolean(),
    retention: fc.constantFrom("7d", "4w", "3m", "30d"),
    roles: fc.uniqueArray(identifier, { minLength: 1, maxLength: 4 }),
  })
  .map(({ name, roles, recovery, retention, ...rest }): PostgresClusterProps => ({
    ...rest,
    name,
    operator,
    roles: roles.map((role) => ({ name: role })),
    databases: roles.map((role, i) => ({ name: `db_${i}`, owner: role })),
    backup: { retention: retention as `${number}d` },
    ...(recovery === null ? {} : { serverName: `${name}-v2`, recovery: { fromBackupOf: name, ...(recovery ? { targetTime: recovery } : {}) } }),
  }));

describe("postgresCluster backups", () => {
  test.prop([propsArb], { numRuns: 60 })(
    "GIVEN any instances, pooler, recovery and ClusterMesh setting THEN WAL archiving, the ObjectStore and the ScheduledBackup are present and agree by name",
    (props) => {
      const byKind = resourcesOf(postgresCluster(context, props));
      const [cluster] = byKind.Cluster!;
      const archivers = cluster.spec.plugins.filter((p: any) => p.name === barmanPlugin && p.isWALArchiver === true && p.enabled !== false);
      expect(archivers).toHaveLength(1);
      const [store] = byKind.ObjectStore!;
      expect(byKind.ObjectStore).toHaveLength(1);
      expect(archivers[0].parameters.barmanObjectName).toBe(store.metadata.name);
      expect(archivers[0].parameters.serverName).toBe(props.serverName ?? props.name);
      expect(store.spec.configuration.wal.compression).toBeDefined();
      expect(store.spec.retentionPolicy).toBe(props.backup?.retention);
      const [claim] = byKind.ObjectBucketClaim!;
      expect(store.spec.configuration.destinationPath).toBe(`s3://${claim.spec.bucketName}/`);
      expect(store.spec.configuration.s3Credentials.accessKeyId).toEqual({ name: claim.metadata.name, key: "AWS_ACCESS_KEY_ID" });
      expect(store.spec.configuration.s3Credentials.secretAccessKey).toEqual({ name: claim.metadata.name, key: "AWS_SECRET_ACCESS_KEY" });
      const [scheduled] = byKind.ScheduledBackup!;
      expect(byKind.ScheduledBackup).toHaveLength(1);
      expect(scheduled.spec).toMatchObject({
        cluster: { name: cluster.metadata.name },
        method: "plugin",
        pluginConfiguration: { name: barmanPlugin },
        backupOwnerReference: "self",
        immediate: true,
      });
      if (props.recovery) {
        const [origin] = cluster.spec.externalClusters;
        expect(cluster.spec.bootstrap.recovery.source).toBe(origin.name);
        expect(origin.plugin).toEqual({ name: barmanPlugin, parameters: { barmanObjectName: store.metadata.name, serverName: props.recovery.fromBackupOf } });
        expect(origin.plugin.parameters.serverName).not.toBe(archivers[0].parameters.serverName);
        expect(cluster.spec.bootstrap.recovery.recoveryTarget?.targetTime).toBe(props.recovery.targetTime);
      } else {
        expect(cluster.spec.bootstrap.initdb).toBeDefined();
        expect(cluster.spec.externalClusters).toBeUndefined();
      }
      expect((byKind.Pooler ?? []).map((p) => p.spec.cluster.name)).toEqual(props.pooler === false ? [] : [cluster.metadata.name]);
    },
  );

});

describe("postgresCluster schemas", () => {
  test.prop([propsArb], { numRuns: 15 })("GIVEN any combination THEN every rendered document validates strictly against the catalog schemas", (props) => {
    expect(strictProblems(renderCluster({ name: "infra", components: [cloudnativePg(context), postgresCluster(context, props)] }))).toEqual([]);
  });
});

describe("postgresCluster credentials", () => {
  test.prop([propsArb], { numRuns: 30 })("GIVEN any cluster THEN passwords only come from 1Password through basic-auth ExternalSecrets", (props) => {
    const byKind = resourcesOf(postgresCluster(context, props));
    expect(byKind.Secret).toBeUndefined();
    const secrets = new Map(byKind.ExternalSecret!.map((es) => [es.spec.target.name, es]));
    for (const role of byKind.Cluster![0].spec.managed.roles) {
      const es = secrets.get(role.passwordSecret.name);
      expect(es, `role ${role.name}`).toBeDefined();
      expect(es.spec.target.template).toMatchObject({
        type: "kubernetes.io/basic-auth",
        metadata: { labels: { "cnpg.io/reload": "true" } },
        data: { username: role.name, password: "{{ .password }}" },
      });
      expect(es.spec.data).toEqual([{ secretKey: "password", remoteRef: { key: `${props.name}-${role.name}`, property: "password" } }]);
    }
  });

  it("GIVEN superuser access THEN it is off", () => {
    expect(resourcesOf(buildPostgres("infra")).Cluster![0].spec.enableSuperuserAccess).toBe(false);
  });
});

describe("postgresCluster validation", () => {
  it("GIVEN a database whose owner is not a declared role THEN a UserError names the field, the owner and the declared roles", () => {
    const build = () => buildPostgres("infra", { roles: [{ name: "keycloak" }], databases: [{ name: "keycloak", owner: "keycloak" }, { name: "gitlab", owner: "gitlab" }] });
    expect(build).toThrow(UserError);
    expect(build).toThrow('postgresCluster "pg": invalid props');
    expect(build).toThrow('databases[1].owner "gitlab" of database "gitlab" is not a declared role (roles: "keycloak")');
  });

  it("GIVEN more instances than schedulable nodes THEN the inventory's limit is named", () => {
    expect(() => buildPostgres("infra", { instances: 4 })).toThrow(/instances must be a whole number from 1 to 3 \(the schedulable nodes of cluster infra; .*got 4/);
  });

  it("GIVEN a restore test with a six-field schedule and a tiny timeout THEN both are named (a CronJob has no seconds field)", () => {
    const build = () => buildPostgres("infra", { restoreTest: { schedule: "0 0 6 * * 0", timeoutMinutes: 1 } });
    expect(build).toThrow(UserError);
    expect(build).toThrow('restoreTest.schedule must be a five-field cron schedule (a Kubernetes CronJob has no seconds field), got "0 0 6 * * 0"');
    expect(build).toThrow("restoreTest.timeoutMinutes must be a whole number of at least 5, got 1");
  });

  it.each([
    [{ roles: [{ name: "postgres" }], databases: [] }, 'roles[0].name "postgres" is reserved'],
    [{ roles: [{ name: "pg_monitor" }], databases: [] }, 'roles[0].name "pg_monitor" is reserved'],
    [{ roles: [{ name: "Key-Cloak" }], databases: [] }, 'roles[0].name must be a lowercase SQL identifier'],
    [{ roles: [{ name: "a" }, { name: "a" }], databases: [] }, 'roles: "a" is declared twice'],
    [{ databases: [{ name: "app1_", owner: "app1" }] }, 'databases[0].name must be a lowercase SQL identifier (a-z, 0-9, \'_\', starting with a letter, not ending with \'_\', at most 63 characters), got "app1_"'],
    [{ storage: { size: "20GB" } }, 'storage.size must be a whole number of Mi, Gi or Ti (e.g. "20Gi"), got "20GB"'],
    [{ memory: "4G" as never }, 'memory must be a whole number of Mi or Gi (e.g. "4Gi"), got "4G"'],
    [{ backup: { schedule: "0 3 * * *" } }, 'backup.schedule must have six cron fields (seconds first, e.g. "0 0 3 * * *") or be a descriptor such as "@daily", got "0 3 * * *" (CloudNativePG schedules start with a seconds field)'],
    [{ backup: { retention: "30 days" as never } }, 'backup.retention must look like "30d", "4w" or "3m", got "30 days"'],
    [{ backup: { bucket: "Backups_PG" } }, 'backup.bucket must be a valid S3 bucket name'],
    [{ backup: { endpoint: "rook-ceph-rgw" } }, 'backup.endpoint must be an http(s) URL, got "rook-ceph-rgw"'],
    [{ recovery: { fromBackupOf: "pg" } }, 'recovery.fromBackupOf is "pg", the serverName this cluster archives to; set serverName to a new value (e.g. "pg-v2")'],
    [{ serverName: "pg-v2", recovery: { fromBackupOf: "pg", targetTime: "2026-05-01 12:00" } }, 'recovery.targetTime must be an RFC 3339 time with a zone (e.g. "2026-05-01T12:00:00Z"), got "2026-05-01 12:00"'],
  ] as [Partial<PostgresClusterProps>, string][])("GIVEN %j THEN a UserError says %s", (props, message) => {
    expect(() => buildPostgres("infra", props)).toThrow(UserError);
    expect(() => buildPostgres("infra", props)).toThrow(message);
  });
});

describe("postgresCluster endpoints", () => {
  it("GIVEN the default cluster THEN the endpoints name the objects the component creates", () => {
    const component = buildPostgres("infra", { roles: [{ name: "keycloak", item: "keycloak-db" }], databases: [{ name: "keycloak", owner: "keycloak" }] });
    const byKind = resourcesOf(component);
    const { endpoints } = component;
    expect(endpoints.rw).toEqual({ host: "pg-rw.databases.svc", port: 5432, service: "pg-rw", namespace: "databases" });
    expect(endpoints.pooler?.service).toBe(byKind.Pooler![0].metadata.name);
    expect(endpoints.pooler?.host).toBe(`${byKind.Pooler![0].metadata.name}.databases.svc`);
    const db = endpoints.databases.keycloak!;
    expect(db.secret.name).toBe(byKind.Cluster![0].spec.managed.roles[0].passwordSecret.name);
    expect(db.item).toBe("keycloak-db");
    expect(byKind.Database![0].spec).toMatchObject({ name: db.name, owner: db.owner, cluster: { name: "pg" } });
    expect(endpoints.global).toBeUndefined();
  });

  it("GIVEN no pooler THEN there is no pooler endpoint and no pooler objects", () => {
    const component = buildPostgres("infra", { pooler: false });
    expect(component.endpoints.pooler).toBeUndefined();
    expect(resourcesOf(component).Pooler).toBeUndefined();
    expect(resourcesOf(component).PodMonitor!.map((p) => p.metadata.name)).toEqual(["pg"]);
  });

  it.each(["infra", "apps"] as const)("GIVEN globalService on %s THEN the global refs name that cluster and the annotated Services", (name) => {
    const component = buildPostgres(name, { globalService: true });
    const byKind = resourcesOf(component);
    const additional = byKind.Cluster![0].spec.managed.services.additional[0];
    expect(component.endpoints.global?.rw).toEqual({ cluster: name, namespace: "databases", name: additional.serviceTemplate.metadata.name, port: 5432, portName: "postgres" });
    expect(additional).toMatchObject({ selectorType: "rw", serviceTemplate: { metadata: { annotations: { "service.cilium.io/global": "true" } } } });
    expect(component.endpoints.global?.pooler?.name).toBe(byKind.Pooler![0].metadata.name);
    expect(byKind.Pooler![0].spec.serviceTemplate.metadata.annotations).toEqual({ "service.cilium.io/global": "true" });
  });

  it("GIVEN a global ref THEN the stub for the consuming cluster has the same name, namespace and port, global but not shared", () => {
    const ref = buildPostgres("infra", { globalService: true }).endpoints.global!.rw;
    const stub = JSON.parse(JSON.stringify(globalServiceStub(ref)));
    expect(stub.metadata).toMatchObject({ name: ref.name, namespace: ref.namespace, annotations: { "service.cilium.io/global": "true", "service.cilium.io/shared": "false" } });
    expect(stub.spec.ports).toEqual([{ name: "postgres", port: 5432, protocol: "TCP", targetPort: 5432 }]);
    expect(stub.spec.selector).toBeUndefined();
  });

  it("GIVEN a consumer namespace THEN databaseSecret reads the role's 1Password item and fills host, port and names from the endpoints", () => {
    const { endpoints } = buildPostgres("infra", { roles: [{ name: "gitlab" }], databases: [{ name: "gitlabhq", owner: "gitlab" }] });
    const es = JSON.parse(JSON.stringify(databaseSecret(endpoints, "gitlabhq", { name: "gitlab-postgres" })));
    expect(es.spec.data).toEqual([{ secretKey: "password", remoteRef: { key: "pg-gitlab", property: "password" } }]);
    expect(es.spec.target.template.data).toEqual({
      host: endpoints.pooler!.host,
      port: "5432",
      database: "gitlabhq",
      username: "gitlab",
      password: "{{ .password }}",
    });
    expect(() => databaseSecret(endpoints, "harbor", { name: "x" })).toThrow('databaseSecret "x": the Postgres cluster has no database "harbor" (it has: "gitlabhq")');
  });
});

describe("remotePostgres", () => {
  it("GIVEN the shared Postgres on infra THEN apps gets same-named global stubs and endpoints that resolve to them", () => {
    const shared = sharedPostgres(context, { databases: ["harbor"], operator });
    const remote = remotePostgres(fixtureContext("apps"), shared);
    const stubs = resourcesOf(remote).Service!;
    expect(stubs.map((s) => [s.metadata.name, s.spec.ports[0].name])).toEqual([
      [shared.endpoints.global!.rw.name, "postgres"],
      [shared.endpoints.global!.pooler!.name, "pgbouncer"],
    ]);
    expect(remote.namespace).toBe(shared.namespace);
    expect(remote.endpoints.pooler).toEqual({ ...shared.endpoints.pooler });
    expect(remote.endpoints.rw.host).toBe(`${shared.endpoints.global!.rw.name}.databases.svc`);
    expect(databaseSecret(remote.endpoints, "harbor", { name: "harbor-db" }).spec?.data?.[0]?.remoteRef.key).toBe("postgres-shared-harbor");
  });

  it("GIVEN a cluster without global Services, or the same cluster THEN remotePostgres refuses", () => {
    expect(() => remotePostgres(fixtureContext("apps"), buildPostgres("infra"))).toThrow('remotePostgres "pg": the Postgres cluster has no global Services; build it with globalService: true');
    expect(() => remotePostgres(context, buildPostgres("infra", { globalService: true }))).toThrow('remotePostgres "pg": the database already runs on cluster "infra"');
  });
});

describe("postgresCluster settings", () => {
  it("GIVEN a parameter override THEN the memory-derived defaults stay", () => {
    const parameters = resourcesOf(buildPostgres("infra", { memory: "8Gi", parameters: { max_connections: "400" } })).Cluster![0].spec.postgresql.parameters;
    expect(parameters).toMatchObject({ max_connections: "400", shared_buffers: "2048MB", effective_cache_size: "6144MB", random_page_cost: "1.1" });
  });

  it("GIVEN the defaults THEN instances spread one per node on local NVMe, updates roll unsupervised, and the stage waits for the operator", () => {
    const component = buildPostgres("infra");
    const spec = resourcesOf(component).Cluster![0].spec;
    expect(spec).toMatchObject({
      instances: 3,
      primaryUpdateStrategy: "unsupervised",
      storage: { storageClass: "openebs-hostpath" },
      affinity: { enablePodAntiAffinity: true, podAntiAffinityType: "required", topologyKey: "kubernetes.io/hostname" },
    });
    expect(spec.imageName).toMatch(/^ghcr\.io\/cloudnative-pg\/postgresql:18\.\d+-standard-trixie$/);
    expect(component.stages[0]!.dependsOn).toEqual([{ name: "cloudnative-pg", namespace: "cnpg-system" }]);
  });

  it("GIVEN sharedPostgres THEN each database gets a same-named owner role and the shared defaults apply", () => {
    const shared = sharedPostgres(context, { databases: ["keycloak", "harbor"], operator, storage: { storageClass: "ceph-block" } });
    const spec = resourcesOf(shared).Cluster![0].spec;
    expect(shared.name).toBe("postgres-shared");
    expect(shared.namespace).toBe("databases");
    expect(spec.storage).toEqual({ size: "50Gi", storageClass: "ceph-block" });
    expect(spec.managed.roles.map((r: any) => r.name)).toEqual(["keycloak", "harbor"]);
    expect(Object.values(shared.endpoints.databases).map((d) => [d.name, d.owner, d.item])).toEqual([
      ["keycloak", "keycloak", "postgres-shared-keycloak"],
      ["harbor", "harbor", "postgres-shared-harbor"],
    ]);
    expect(shared.endpoints.global?.rw.cluster).toBe("infra");
  });
});
