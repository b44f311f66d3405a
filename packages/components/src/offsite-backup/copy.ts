import { showValue, UserError } from "@k8s-gitops/core";
import { CronJob } from "kubernetes-models/batch/v1";
import { PersistentVolume, PersistentVolumeClaim } from "kubernetes-models/v1";
import { defaultMountOptions, nfsDriver } from "../csi-driver-nfs/index.js";
import type { OffsiteTarget } from "./target.js";

/**
 * rclone, pinned. Published by rclone's own workflow (.github/workflows/build_publish_docker_image.yml,
 * docker/metadata-action `type=semver,pattern={{version}}`) as ghcr.io/rclone/rclone:<version> for
 * every release tag; Alpine based, so the copy script runs in its `/bin/sh`.
 */
// renovate: datasource=docker depName=ghcr.io/rclone/rclone
export const rcloneImage = "ghcr.io/rclone/rclone:1.75.0";

/** The S3 store a copy reads from and the Secret holding read keys for it. */
export interface CopySource {
  /** S3 endpoint URL, e.g. the Ceph RGW Service `http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc`. */
  readonly endpoint: string;
  /** Secret in the CronJob's namespace holding the keys, and its two key names. */
  readonly secret: { readonly name: string; readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface BucketCopyProps {
  /** Name of the CronJob, its PersistentVolumeClaim and its pods' `app.kubernetes.io/instance`. */
  readonly name: string;
  /** Namespace the CronJob runs in: the one holding {@link CopySource.secret}. */
  readonly namespace: string;
  readonly source: CopySource;
  /** Buckets to copy, each into `<cluster folder>/<folder>/current` on the target. */
  readonly buckets: readonly { readonly bucket: string; readonly folder: string }[];
  readonly target: OffsiteTarget;
}

/**
 * The schedule fields every backup CronJob shares: UTC (the inventory's schedules are UTC), never
 * two runs at once (two runs writing one tree or one throwaway cluster would race), and a run
 * missed by more than an hour (controller down) is skipped rather than started late.
 */
export function backupSchedule(schedule: string) {
  return { schedule, timeZone: "Etc/UTC", concurrencyPolicy: "Forbid" as const, startingDeadlineSeconds: 3600 };
}

/**
 * A static PersistentVolume on the off-cluster NFS export and the one claim it binds
 * (csi-driver-nfs static provisioning, docs/example/pv-nfs-csi.yaml: server and share as volume
 * attributes, a volumeHandle unique per PV), mounted with the estate's NFS options.
 */
export function offsiteVolume(
  target: OffsiteTarget,
  volumeName: string,
  claim: { readonly namespace: string; readonly name: string },
  readOnly: boolean,
  labels: Readonly<Record<string, string>>,
): [PersistentVolume, PersistentVolumeClaim] {
  const accessModes: ("ReadOnlyMany" | "ReadWriteMany")[] = [readOnly ? "ReadOnlyMany" : "ReadWriteMany"];
  return [
    new PersistentVolume({
      metadata: { name: volumeName, labels: { ...labels } },
      spec: {
        capacity: { storage: "1Ti" },
        accessModes,
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: "",
        mountOptions: readOnly ? [...defaultMountOptions, "ro"] : [...defaultMountOptions],
        claimRef: { ...claim },
        csi: {
          driver: nfsDriver,
          volumeHandle: `${target.server}#${target.share}#${volumeName}`,
          volumeAttributes: { server: target.server, share: target.share },
          ...(readOnly ? { readOnly: true } : {}),
        },
      },
    }),
    new PersistentVolumeClaim({ metadata: { name: claim.name }, spec: { accessModes, storageClassName: "", volumeName, resources: { requests: { storage: "1Ti" } } } }),
  ];
}

/** Pod labels of a copy job: the flows and the alerts select them. */
export function copyJobLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "offsite-copy", "app.kubernetes.io/instance": name };
}

const mountPath = "/offsite";
const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const folderPattern = /^[a-z0-9][-a-z0-9._]*(\/[a-z0-9][-a-z0-9._]*)*$/;

/**
 * The copy of one bucket, as a POSIX shell fragment (rclone docs: `sync`, `check`, `--backup-dir`):
 * 1. `rclone sync` mirrors the bucket into `current`; every file the sync would delete or
 *    overwrite is moved to `history/<run time>` instead (`--backup-dir`), so a bucket emptied by
 *    mistake or malice reaches the copy only as a move into history;
 * 2. `rclone check --one-way` proves every source object is in the copy with the same size (and
 *    the same MD5 where S3 has one: multipart uploads have none), failing the job otherwise;
 * 3. history folders older than the retention are purged, by the run time in their name (not by
 *    file times: a WAL file moved to history today may be weeks old).
 */
function copyScript(bucket: string, folder: string): string {
  const dest = `${mountPath}/${folder}`;
  return [
    `echo "copy ${bucket} -> ${dest}"`,
    // rclone lsf fails on a missing folder; the first run has moved nothing to history yet.
    `mkdir -p "${dest}/current" "${dest}/history"`,
    `rclone sync "source:${bucket}" "${dest}/current" --backup-dir "${dest}/history/$stamp" --fast-list --transfers 8 --stats-one-line --stats 60s`,
    `rclone check "source:${bucket}" "${dest}/current" --one-way --fast-list`,
    `rclone lsf --dirs-only "${dest}/history" | sed 's#/$##' | awk -v cutoff="$cutoff" '$0 < cutoff' | while read -r old; do rclone purge "${dest}/history/$old"; done`,
  ].join("\n");
}

/**
 * A nightly copy of S3 buckets to the off-cluster NFS target: a static PersistentVolume on the
 * export (mounted by the csi-driver-nfs node plugin, the way the estate's NFS StorageClasses
 * mount), its claim, and a CronJob running rclone. rclone reads the source through environment
 * variables only (`RCLONE_CONFIG_SOURCE_*`, rclone docs "Config file" / environment variables),
 * the keys from a Secret, so nothing secret is in the manifest.
 */
export function bucketCopy(props: BucketCopyProps): [PersistentVolume, PersistentVolumeClaim, CronJob] {
  const where = `bucketCopy ${showValue(props.name)}`;
  const problems: string[] = [];
  if (!dnsLabel.test(props.name) || props.name.length > 52) problems.push(`name must be a DNS label of at most 52 characters (CronJob limit), got ${showValue(props.name)}`);
  if (props.buckets.length === 0) problems.push("buckets: at least one bucket to copy");
  const folders = new Set<string>();
  for (const [i, b] of props.buckets.entries()) {
    if (!folderPattern.test(b.folder)) problems.push(`buckets[${i}].folder must be a relative path of lowercase names, got ${showValue(b.folder)}`);
    if (folders.has(b.folder)) problems.push(`buckets[${i}].folder ${showValue(b.folder)} is also the folder of another bucket`);
    folders.add(b.folder);
  }
  if (problems.length > 0) throw new UserError(`${where}: invalid props`, problems);

  const { target } = props;
  // One PV per claim (a PV binds exactly one claim); the handle must be unique per PV for the driver.
  const volumeName = `offsite-${target.clusterFolder}-${props.namespace}-${props.name}`.slice(0, 63).replace(/-+$/, "");
  const [volume, claim] = offsiteVolume(target, volumeName, { namespace: props.namespace, name: props.name }, false, copyJobLabels(props.name));
  const script = [
    "set -eu",
    'stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"',
    `cutoff="$(date -u -d "@$(( $(date +%s) - ${target.retentionDays} * 86400 ))" +%Y-%m-%dT%H%M%SZ)"`,
    ...props.buckets.map((b) => copyScript(b.bucket, `${target.clusterFolder}/${b.folder}`)),
  ].join("\n");
  const secretEnv = (name: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: props.source.secret.name, key } } });
  const cronJob = new CronJob({
    metadata: { name: props.name },
    spec: {
      ...backupSchedule(target.schedule),
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          activeDeadlineSeconds: 6 * 3600,
          template: {
            metadata: { labels: copyJobLabels(props.name) },
            spec: {
              restartPolicy: "Never",
              automountServiceAccountToken: false,
              // The NAS's NFS rule for the node subnet decides what this user may write (docs/backups.md).
              securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
              containers: [
                {
                  name: "rclone",
                  image: rcloneImage,
                  command: ["/bin/sh", "-c", script],
                  env: [
                    { name: "RCLONE_CONFIG_SOURCE_TYPE", value: "s3" },
                    { name: "RCLONE_CONFIG_SOURCE_PROVIDER", value: "Ceph" },
                    { name: "RCLONE_CONFIG_SOURCE_ENDPOINT", value: props.source.endpoint },
                    { name: "RCLONE_CONFIG_SOURCE_ENV_AUTH", value: "false" },
                    secretEnv("RCLONE_CONFIG_SOURCE_ACCESS_KEY_ID", props.source.secret.accessKeyId),
                    secretEnv("RCLONE_CONFIG_SOURCE_SECRET_ACCESS_KEY", props.source.secret.secretAccessKey),
                    // /dev/null: the configuration lives in memory only (rclone docs/content/docs.md, "Config file"); caches go to $HOME=/tmp.
                    { name: "RCLONE_CONFIG", value: "/dev/null" },
                    { name: "HOME", value: "/tmp" },
                  ],
                  resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
                  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                  volumeMounts: [
                    { name: "offsite", mountPath },
                    { name: "tmp", mountPath: "/tmp" },
                  ],
                },
              ],
              volumes: [
                { name: "offsite", persistentVolumeClaim: { claimName: props.name } },
                { name: "tmp", emptyDir: {} },
              ],
            },
          },
        },
      },
    },
  });
  return [volume, claim, cronJob];
}
