import { defineComponent, UserError, showValue, type ClusterContext, type Component, type Ref } from "@k8s-gitops/core";
import {
  assertRecovery,
  bucketClaim,
  bucketCredentialKeys,
  objectStore,
  resolveBackup,
  scheduledBackup,
  type BackupOptions,
  type RecoveryOptions,
} from "./backup.js";
import { bucketCopy, offsiteTarget } from "../offsite-backup/index.js";
import { clusterObject, defaultImageName, defaultParameters, defaultStorageClass } from "./cluster.js";
import { databaseObject, managedRole, roleCredentials, roleSecret, type PostgresDatabase, type PostgresRole, type RoleCredentials } from "./credentials.js";
import type { PostgresEndpoints, ServiceEndpoint } from "./endpoints.js";
import { serviceHost } from "./global-service.js";
import { assertRoleName, assertSqlIdentifier, postgresNames, postgresPort, type PostgresNames } from "./names.js";
import { clusterPodMonitor, pooler, poolerPodMonitor, type PoolerOptions } from "./pooler.js";
import { mebibytes, type MemorySize } from "./quantity.js";
import { restoreKit, type RestoreKit } from "./restore-kit.js";
import { restoreTest } from "./restore-test.js";

export type PostgresStage = "cluster";

export interface PostgresClusterProps {
  /** Cluster name; every derived object (Services, pooler, backups, Secrets) starts with it. */
  readonly name: string;
  /** @default "databases" */
  readonly namespace?: string;
  /** PostgreSQL instances, one per node (at most the inventory's schedulable nodes). @default 3 */
  readonly instances?: number;
  /** Volume per instance. @default { size: "20Gi", storageClass: "openebs-hostpath" } */
  readonly storage?: { readonly size?: string; readonly storageClass?: string };
  /** Memory request and limit per instance; shared_buffers and friends are sized from it. @default "2Gi" */
  readonly memory?: MemorySize;
  /** CPU request per instance (no CPU limit: throttling a database hurts every client). @default "500m" */
  readonly cpu?: string;
  /** Login roles; every database owner must be one of them. */
  readonly roles: readonly PostgresRole[];
  readonly databases: readonly PostgresDatabase[];
  /** PostgreSQL settings, merged over the memory-derived defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default {@link defaultImageName} */
  readonly imageName?: string;
  /** Where backups go and how long they stay. Backups and WAL archiving are always on. */
  readonly backup?: BackupOptions;
  /**
   * Folder of this cluster's backups and WAL in the bucket. Bump it (e.g. `<name>-v2`) when
   * restoring with {@link recovery}, so the new timeline never overwrites the old one. @default name
   */
  readonly serverName?: string;
  /**
   * The scheduled restore test: a throwaway cluster recovers from the backups, is queried and deleted.
   * @default { schedule: "0 6 * * 0" (weekly, Sunday 06:00 UTC), timeoutMinutes: 120 }
   */
  readonly restoreTest?: { readonly schedule?: string; readonly timeoutMinutes?: number };
  /** Bootstrap from a backup (point-in-time recovery) instead of initdb. @default initdb */
  readonly recovery?: RecoveryOptions;
  /** PgBouncer in front of the primary, or `false` for none. @default { instances: 2, poolMode: "session" } */
  readonly pooler?: PoolerOptions | false;
  /** Make the rw Service (and the pooler's) ClusterMesh-global, so other clusters can connect. @default false */
  readonly globalService?: boolean;
  /** The CloudNativePG operator component, i.e. `ref(cloudnativePg(...))` (operator and plugin). */
  readonly operator: Ref;
  /** More components to wait for: the secret store, OpenEBS, Rook's object store. @default [] */
  readonly dependsOn?: readonly Ref[];
}

/** A Postgres cluster component plus the typed endpoints its consumers read. */
/** The cluster plus its typed endpoints and the databases it provisions (for needs checks). */
export type PostgresClusterComponent = Component<PostgresStage> & {
  readonly endpoints: PostgresEndpoints;
  readonly provided: { readonly databases: readonly string[]; readonly buckets: readonly string[]; readonly oidcClients: readonly string[] };
  /** Manifests of a point-in-time restore next to the live cluster (`generated/restore/`, `task postgres:restore`). */
  readonly restoreKit: RestoreKit;
};

const sizePattern = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const cronSchedule = /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|\S+( \S+){4})$/;

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** Every problem with the props at once, so a user fixes them in one go. */
function checkProps(context: ClusterContext, props: PostgresClusterProps, instances: number, storageSize: string): void {
  const problems: string[] = [];
  const check = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(error.message);
    }
  };
  const schedulable = context.inventory.nodes.filter((node) => node.schedulable).length;
  if (!Number.isInteger(instances) || instances < 1 || instances > schedulable) {
    problems.push(
      `instances must be a whole number from 1 to ${schedulable} (the schedulable nodes of cluster ${context.inventory.cluster.name}; ` +
        `instances never share a node), got ${showValue(instances)}`,
    );
  }
  check(() => mebibytes(props.memory ?? "2Gi", "memory"));
  if (!sizePattern.test(storageSize)) problems.push(`storage.size must be a whole number of Mi, Gi or Ti (e.g. "20Gi"), got ${showValue(storageSize)}`);
  for (const [i, role] of props.roles.entries()) check(() => assertRoleName(`roles[${i}].name`, role.name));
  for (const [i, db] of props.databases.entries()) check(() => assertSqlIdentifier(`databases[${i}].name`, db.name));
  for (const name of duplicates(props.roles.map((r) => r.name))) problems.push(`roles: ${showValue(name)} is declared twice`);
  for (const name of duplicates(props.databases.map((d) => d.name))) problems.push(`databases: ${showValue(name)} is declared twice`);
  const test = props.restoreTest;
  if (test?.schedule !== undefined && !cronSchedule.test(test.schedule)) {
    problems.push(`restoreTest.schedule must be a five-field cron schedule (a Kubernetes CronJob has no seconds field), got ${showValue(test.schedule)}`);
  }
  if (test?.timeoutMinutes !== undefined && (!Number.isInteger(test.timeoutMinutes) || test.timeoutMinutes < 5)) {
    problems.push(`restoreTest.timeoutMinutes must be a whole number of at least 5, got ${showValue(test.timeoutMinutes)}`);
  }
  const roles = new Set(props.roles.map((r) => r.name));
  props.databases.forEach((db, i) => {
    if (!roles.has(db.owner)) {
      const declared = [...roles].map((r) => showValue(r)).join(", ") || "none";
      problems.push(`databases[${i}].owner ${showValue(db.owner)} of database ${showValue(db.name)} is not a declared role (roles: ${declared}); add it to roles`);
    }
  });
  if (problems.length > 0) throw new UserError(`postgresCluster ${showValue(props.name)}: invalid props`, problems);
}

function endpointsOf(
  names: PostgresNames,
  namespace: string,
  cluster: string,
  props: PostgresClusterProps,
  credentials: ReadonlyMap<string, RoleCredentials>,
): PostgresEndpoints {
  const endpoint = (service: string): ServiceEndpoint => ({ host: serviceHost(namespace, service), port: postgresPort, service, namespace });
  const withPooler = props.pooler !== false;
  const databases = Object.fromEntries(
    props.databases.map((db) => {
      const owner = credentials.get(db.owner)!;
      return [db.name, { name: db.name, owner: db.owner, secret: { name: owner.secret, usernameKey: "username", passwordKey: "password" }, item: owner.item }] as const;
    }),
  );
  return {
    rw: endpoint(names.rwService),
    ro: endpoint(names.roService),
    ...(withPooler ? { pooler: endpoint(names.pooler) } : {}),
    databases,
    ...(props.globalService
      ? {
          global: {
            rw: { cluster, namespace, name: names.globalRwService, port: postgresPort, portName: "postgres" },
            ...(withPooler ? { pooler: { cluster, namespace, name: names.pooler, port: postgresPort, portName: "pgbouncer" } } : {}),
          },
        }
      : {}),
  };
}

/**
 * A CloudNativePG Postgres cluster that is always backed up: continuous WAL archiving and daily
 * base backups through the barman-cloud plugin to a Ceph RGW bucket, managed roles whose
 * passwords come from 1Password, one Database object per database, a PgBouncer pooler and
 * PodMonitors. Returns the component with typed endpoints for its consumers.
 */
export function postgresCluster(context: ClusterContext, props: PostgresClusterProps): PostgresClusterComponent {
  const namespace = props.namespace ?? "databases";
  const instances = props.instances ?? 3;
  const storage = { size: props.storage?.size ?? "20Gi", storageClass: props.storage?.storageClass ?? defaultStorageClass };
  const where = `postgresCluster ${showValue(props.name)}`;
  checkProps(context, props, instances, storage.size);
  const memory = props.memory ?? "2Gi";
  const memoryMiB = mebibytes(memory, `${where}: memory`);
  const names = postgresNames(props.name);
  const serverName = props.serverName ?? props.name;
  const backup = resolveBackup(where, names, namespace, serverName, props.backup);
  if (props.recovery) assertRecovery(where, props.recovery, serverName);

  const credentials = new Map(props.roles.map((role) => [role.name, roleCredentials(names, role)]));
  const imageName = props.imageName ?? defaultImageName;
  // The inventory's off-cluster target (the Synology): a nightly copy of this cluster's bucket, base backups and WAL.
  const offsite = offsiteTarget(context.inventory);
  const offsiteFolder = `postgres/${namespace}-${names.cluster}`;
  const offsiteCopy = offsite
    ? bucketCopy({
        name: names.backupCopy,
        namespace,
        source: { endpoint: backup.endpoint, secret: { name: names.bucketClaim, ...bucketCredentialKeys } },
        buckets: [{ bucket: backup.bucket, folder: offsiteFolder }],
        target: offsite,
      })
    : [];
  const restoreTestObjects = restoreTest(
    {
      names,
      namespace,
      imageName,
      storage,
      memory,
      databases: props.databases.map((d) => d.name),
      schedule: props.restoreTest?.schedule ?? "0 6 * * 0",
      timeoutMinutes: props.restoreTest?.timeoutMinutes ?? 120,
    },
    serverName,
  );
  const cluster = clusterObject({
    names,
    instances,
    imageName,
    storage,
    memory,
    cpu: props.cpu ?? "500m",
    parameters: { ...defaultParameters(memoryMiB), ...props.parameters },
    roles: props.roles.map((role) => managedRole(role, credentials.get(role.name)!)),
    backup,
    recovery: props.recovery,
    globalService: props.globalService ?? false,
  });
  const component = defineComponent({
    name: props.name,
    namespace,
    area: "infrastructure",
    category: "databases",
    stages: [
      {
        name: "cluster",
        dependsOn: [props.operator, ...(props.dependsOn ?? [])],
        resources: [
          ...[...credentials.values()].map(roleSecret),
          bucketClaim(names, backup),
          objectStore(names, backup),
          cluster,
          ...props.databases.map((db) => databaseObject(names, db)),
          scheduledBackup(names, backup),
          ...offsiteCopy,
          ...restoreTestObjects,
          clusterPodMonitor(names),
          ...(props.pooler === false ? [] : [pooler(names, props.pooler ?? {}, props.globalService ?? false), poolerPodMonitor(names)]),
        ],
        healthCheckExprs: [
          {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "Cluster",
            current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
            failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
          },
        ],
        // A restore replays WAL for as long as it takes; a fresh initdb is quick.
        timeout: props.recovery ? "1h" : "15m",
      },
    ],
  });
  return {
    ...component,
    endpoints: endpointsOf(names, namespace, context.inventory.cluster.name, props, credentials),
    provided: { databases: props.databases.map((d) => d.name).sort(), buckets: [], oidcClients: [] },
    restoreKit: restoreKit({
      names,
      namespace,
      serverName,
      backup,
      imageName,
      instances,
      storage,
      memory,
      ...(offsite ? { offsite: { target: offsite, folder: offsiteFolder } } : {}),
    }),
  };
}

export interface SharedPostgresProps extends Omit<PostgresClusterProps, "name" | "roles" | "databases"> {
  /** @default "postgres-shared" */
  readonly name?: string;
  /**
   * One database per entry. A plain name is owned by a login role of the same name; an entry
   * `{ name, owner }` names its owner (e.g. from `postgresProvisioning(needs)`). Each owner's
   * password is the field `password` of 1Password item `<cluster name>-<owner>`.
   */
  readonly databases: readonly (string | { readonly name: string; readonly owner: string })[];
}

/**
 * The platform's shared Postgres on infra (Keycloak, GitLab, Harbor): three instances on local
 * NVMe, 4 GiB each, a pooler, and global Services so the apps cluster can reach it over ClusterMesh.
 */
export function sharedPostgres(context: ClusterContext, props: SharedPostgresProps): PostgresClusterComponent {
  const { databases, ...rest } = props;
  const entries = databases.map((d) => (typeof d === "string" ? { name: d, owner: d } : { name: d.name, owner: d.owner }));
  const given = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as typeof rest;
  return postgresCluster(context, {
    memory: "4Gi",
    cpu: "1",
    globalService: true,
    ...given,
    name: rest.name ?? "postgres-shared",
    storage: { size: "50Gi", ...rest.storage },
    roles: [...new Set(entries.map((d) => d.owner))].map((name) => ({ name })),
    databases: entries,
  });
}
