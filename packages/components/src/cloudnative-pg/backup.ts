import { ScheduledBackup } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/ScheduledBackup";
import { UserError, showValue, type PlainResource } from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { barmanPlugin, type PostgresNames } from "./names.js";

/** The Ceph RGW S3 endpoint inside the cluster (Rook's `rook-ceph-rgw-<store>` Service). */
export const defaultObjectStoreEndpoint = "http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc";
/** Rook's bucket StorageClass: an ObjectBucketClaim with it gets a bucket plus credentials. */
export const defaultBucketStorageClass = storageClassNames.bucket;

export type RetentionPolicy = `${number}${"d" | "w" | "m"}`;
export type BackupCompression = "gzip" | "bzip2" | "snappy";

/** Where and how often a Postgres cluster is backed up. Backups cannot be switched off. */
export interface BackupOptions {
  /** S3 endpoint of the object store. @default "http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc" */
  readonly endpoint?: string;
  /** StorageClass of the ObjectBucketClaim that provisions the bucket. @default "ceph-bucket" */
  readonly bucketStorageClass?: string;
  /** Bucket name (S3 rules). @default "cnpg-<namespace>-<cluster>" */
  readonly bucket?: string;
  /** How long base backups and WAL are kept. @default "30d" */
  readonly retention?: RetentionPolicy;
  /** Base backup schedule: six cron fields, seconds first, or a descriptor such as `@daily`. @default "0 0 3 * * *" */
  readonly schedule?: string;
  /** Compression of WAL files and base backups (both support these three). @default "gzip" */
  readonly compression?: BackupCompression;
  /** WAL files archived in parallel; catches up faster after an object store outage. @default 4 */
  readonly walMaxParallel?: number;
}

/**
 * Restores the cluster from the object store instead of running initdb (only when the Cluster
 * object is created). Set `serverName` of the cluster to something new at the same time, so the
 * restored cluster archives next to, not over, the history it came from.
 */
export interface RecoveryOptions {
  /** The barman `serverName` whose backups and WAL to restore (the old cluster's serverName). */
  readonly fromBackupOf: string;
  /** Point in time to stop replaying WAL, RFC 3339 with a time zone. @default the end of the archive */
  readonly targetTime?: string;
}

export interface ResolvedBackup {
  readonly endpoint: string;
  readonly bucketStorageClass: string;
  readonly bucket: string;
  readonly retention: RetentionPolicy;
  readonly schedule: string;
  readonly compression: BackupCompression;
  readonly walMaxParallel: number;
  /** Folder of this cluster's base backups and WAL inside the bucket. */
  readonly serverName: string;
}

const retentionPattern = /^[1-9][0-9]*[dwm]$/;
const bucketPattern = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const descriptor = /^@(yearly|annually|monthly|weekly|daily|midnight|hourly|every [0-9]+[smh])$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Applies the defaults and refuses values CloudNativePG or S3 would refuse later, at reconcile time. */
export function resolveBackup(where: string, names: PostgresNames, namespace: string, serverName: string, options: BackupOptions = {}): ResolvedBackup {
  const backup: ResolvedBackup = {
    endpoint: options.endpoint ?? defaultObjectStoreEndpoint,
    bucketStorageClass: options.bucketStorageClass ?? defaultBucketStorageClass,
    bucket: options.bucket ?? `cnpg-${namespace}-${names.cluster}`,
    retention: options.retention ?? "30d",
    schedule: options.schedule ?? "0 0 3 * * *",
    compression: options.compression ?? "gzip",
    walMaxParallel: options.walMaxParallel ?? 4,
    serverName,
  };
  const problems: string[] = [];
  if (!/^https?:\/\/[^/\s]+(\/\S*)?$/.test(backup.endpoint)) problems.push(`backup.endpoint must be an http(s) URL, got ${showValue(backup.endpoint)}`);
  if (!bucketPattern.test(backup.bucket) || backup.bucket.includes("..")) {
    problems.push(`backup.bucket must be a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-'), got ${showValue(backup.bucket)}`);
  }
  if (!retentionPattern.test(backup.retention)) problems.push(`backup.retention must look like "30d", "4w" or "3m", got ${showValue(backup.retention)}`);
  const fields = backup.schedule.trim().split(/\s+/);
  if (!descriptor.test(backup.schedule) && fields.length !== 6) {
    problems.push(
      `backup.schedule must have six cron fields (seconds first, e.g. "0 0 3 * * *") or be a descriptor such as "@daily", got ${showValue(backup.schedule)}` +
        (fields.length === 5 ? " (CloudNativePG schedules start with a seconds field)" : ""),
    );
  }
  if (!Number.isInteger(backup.walMaxParallel) || backup.walMaxParallel < 1) {
    problems.push(`backup.walMaxParallel must be a positive integer, got ${showValue(backup.walMaxParallel)}`);
  }
  if (problems.length > 0) throw new UserError(`${where}: invalid backup settings`, problems);
  return backup;
}

export function assertRecovery(where: string, recovery: RecoveryOptions, serverName: string): void {
  const problems: string[] = [];
  if (recovery.fromBackupOf.trim() === "") problems.push(`recovery.fromBackupOf must name the serverName to restore, got ${showValue(recovery.fromBackupOf)}`);
  if (recovery.fromBackupOf === serverName) {
    problems.push(
      `recovery.fromBackupOf is ${showValue(recovery.fromBackupOf)}, the serverName this cluster archives to; ` +
        `set serverName to a new value (e.g. ${showValue(`${serverName}-v2`)}) so the restored cluster does not write into the archive it restores from`,
    );
  }
  if (recovery.targetTime !== undefined && !rfc3339.test(recovery.targetTime)) {
    problems.push(`recovery.targetTime must be an RFC 3339 time with a zone (e.g. "2026-05-01T12:00:00Z"), got ${showValue(recovery.targetTime)}`);
  }
  if (problems.length > 0) throw new UserError(`${where}: invalid recovery settings`, problems);
}

/** The S3 keys Rook writes into the Secret named after the ObjectBucketClaim. */
export const bucketCredentialKeys = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } as const;

/**
 * The bucket for the backups, claimed from Rook. Flux never prunes it: removing the database
 * from the repository must not delete (with a `Delete` reclaim policy) the backups it leaves.
 */
export function bucketClaim(names: PostgresNames, backup: ResolvedBackup): PlainResource {
  return {
    apiVersion: "objectbucket.io/v1alpha1",
    kind: "ObjectBucketClaim",
    metadata: { name: names.bucketClaim, annotations: { "kustomize.toolkit.fluxcd.io/prune": "disabled" } },
    spec: { bucketName: backup.bucket, storageClassName: backup.bucketStorageClass },
  };
}

interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** The fields of barmancloud.cnpg.io/v1 ObjectStore this project sets (no kubernetes-models package exists). */
export interface ObjectStoreSpec {
  readonly retentionPolicy: RetentionPolicy;
  readonly configuration: {
    readonly destinationPath: string;
    readonly endpointURL: string;
    readonly s3Credentials: { readonly accessKeyId: SecretKeyRef; readonly secretAccessKey: SecretKeyRef };
    readonly wal: { readonly compression: BackupCompression; readonly maxParallel: number };
    readonly data: { readonly compression: BackupCompression };
  };
}

export interface ObjectStore extends PlainResource {
  readonly apiVersion: "barmancloud.cnpg.io/v1";
  readonly kind: "ObjectStore";
  readonly spec: ObjectStoreSpec;
}

/** The barman-cloud ObjectStore: the bucket on Ceph RGW, with the credentials of the bucket claim. */
export function objectStore(names: PostgresNames, backup: ResolvedBackup): ObjectStore {
  const credential = (key: string): SecretKeyRef => ({ name: names.bucketClaim, key });
  return {
    apiVersion: "barmancloud.cnpg.io/v1",
    kind: "ObjectStore",
    metadata: { name: names.objectStore },
    spec: {
      retentionPolicy: backup.retention,
      configuration: {
        destinationPath: `s3://${backup.bucket}/`,
        endpointURL: backup.endpoint,
        s3Credentials: {
          accessKeyId: credential(bucketCredentialKeys.accessKeyId),
          secretAccessKey: credential(bucketCredentialKeys.secretAccessKey),
        },
        wal: { compression: backup.compression, maxParallel: backup.walMaxParallel },
        data: { compression: backup.compression },
      },
    },
  };
}

/** Parameters that point the plugin at the ObjectStore and a serverName folder in it. */
export function pluginParameters(names: PostgresNames, serverName: string): Record<string, string> {
  return { barmanObjectName: names.objectStore, serverName };
}

/** The Cluster's plugin entry that makes barman-cloud its continuous WAL archiver. */
export function walArchiver(names: PostgresNames, backup: ResolvedBackup) {
  return { name: barmanPlugin, enabled: true, isWALArchiver: true, parameters: pluginParameters(names, backup.serverName) };
}

/** Base backups through the plugin; the first runs as soon as the cluster exists. */
export function scheduledBackup(names: PostgresNames, backup: ResolvedBackup): ScheduledBackup {
  return new ScheduledBackup({
    metadata: { name: names.scheduledBackup },
    spec: {
      cluster: { name: names.cluster },
      schedule: backup.schedule,
      immediate: true,
      backupOwnerReference: "self",
      method: "plugin",
      pluginConfiguration: { name: barmanPlugin },
    },
  });
}

/** `bootstrap` and `externalClusters` of the Cluster: initdb, or recovery from the same ObjectStore. */
export function bootstrapOf(names: PostgresNames, recovery: RecoveryOptions | undefined) {
  if (!recovery) return { bootstrap: { initdb: { database: "app", owner: "app", dataChecksums: true } } };
  return {
    bootstrap: {
      recovery: {
        source: names.recoverySource,
        ...(recovery.targetTime ? { recoveryTarget: { targetTime: recovery.targetTime } } : {}),
      },
    },
    externalClusters: [
      { name: names.recoverySource, plugin: { name: barmanPlugin, parameters: pluginParameters(names, recovery.fromBackupOf) } },
    ],
  };
}
