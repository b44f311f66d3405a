import { UserError, showValue } from "@k8s-gitops/core";

/** CNPG-I name of the barman-cloud plugin, as Cluster, ScheduledBackup and recovery refer to it. */
export const barmanPlugin = "barman-cloud.cloudnative-pg.io";

/** PostgreSQL and PgBouncer both listen on 5432 in CloudNativePG. */
export const postgresPort = 5432;

/**
 * Every object name a Postgres cluster derives from its own name, in one place, so the
 * Cluster, its backups, its pooler and the typed endpoints can never disagree.
 */
export function postgresNames(cluster: string) {
  return {
    cluster,
    rwService: `${cluster}-rw`,
    roService: `${cluster}-ro`,
    globalRwService: `${cluster}-rw-global`,
    pooler: `${cluster}-pooler-rw`,
    objectStore: `${cluster}-backup`,
    bucketClaim: `${cluster}-backup`,
    scheduledBackup: cluster,
    podMonitor: cluster,
    poolerPodMonitor: `${cluster}-pooler-rw`,
    recoverySource: "origin",
    /** CronJob (and its claim) copying the backup bucket to the off-cluster target. */
    backupCopy: `${cluster}-backup-copy`,
    /** CronJob, ServiceAccount, Role, ConfigMap of the scheduled restore test, and the throwaway Cluster it creates. */
    restoreTest: `${cluster}-restore-test`,
    /** The first (only) instance pod of the throwaway Cluster: CloudNativePG names instances `<cluster>-<n>`. */
    restoreTestPod: `${cluster}-restore-test-1`,
    roleSecret: (role: string) => `${cluster}-${dnsSafe(role)}-credentials`,
    database: (db: string) => `${cluster}-${dnsSafe(db)}`,
  } as const;
}

export type PostgresNames = ReturnType<typeof postgresNames>;

const dnsSafe = (identifier: string): string => identifier.replaceAll("_", "-");

/**
 * Lowercase unquoted SQL identifiers: they need no quoting in any client's connection string. No
 * trailing `_`, because object names derived from them (`_` becomes `-`) must end alphanumeric.
 */
const sqlIdentifier = /^[a-z](?:[a-z0-9_]{0,61}[a-z0-9])?$/;
/** Names PostgreSQL or CloudNativePG reserve for themselves. */
const reservedRoles = new Set(["postgres", "streaming_replica", "cnpg_pooler_pgbouncer", "public"]);

export function assertSqlIdentifier(where: string, value: string): void {
  if (!sqlIdentifier.test(value)) {
    throw new UserError(`${where} must be a lowercase SQL identifier (a-z, 0-9, '_', starting with a letter, not ending with '_', at most 63 characters), got ${showValue(value)}`);
  }
}

export function assertRoleName(where: string, value: string): void {
  assertSqlIdentifier(where, value);
  if (reservedRoles.has(value) || value.startsWith("pg_")) {
    throw new UserError(`${where} ${showValue(value)} is reserved by PostgreSQL or CloudNativePG; choose another role name`);
  }
}
