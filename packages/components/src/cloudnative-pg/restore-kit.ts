import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import type { Resource } from "@k8s-gitops/core";
import { Deployment } from "kubernetes-models/apps/v1";
import { Service } from "kubernetes-models/v1";
import { offsiteVolume, rcloneImage } from "../offsite-backup/copy.js";
import type { OffsiteTarget } from "../offsite-backup/target.js";
import type { ObjectStore, ResolvedBackup } from "./backup.js";
import { pluginParameters } from "./backup.js";
import { barmanPlugin, type PostgresNames } from "./names.js";

/**
 * The manifests of a point-in-time restore of one Postgres cluster, next to it (the live cluster
 * keeps running): `task postgres:restore` applies one kit, adding `recoveryTarget.targetTime`
 * when TARGET_TIME is given (without it, recovery replays every archived WAL). Not applied by
 * Flux: they land in `generated/restore/`, outside the cluster trees.
 */
export interface RestoreKit {
  /** The live cluster, e.g. `postgres-shared`. */
  readonly cluster: string;
  readonly namespace: string;
  /** Name of the restored cluster (`<cluster>-restore`); its `-rw` Service serves the restored data. */
  readonly restoredCluster: string;
  /** Restore from the cluster's own object store (the cluster is there, the data is not). */
  readonly clusterStore: readonly Resource[];
  /**
   * Restore from the off-cluster copy (the object store, or the whole cluster, is gone): the copy
   * folder on the NFS export served read-only as S3 by `rclone serve s3`, an ObjectStore on it,
   * the restored cluster. Needs the Secret `<cluster>-offsite-s3` the task creates with fresh keys.
   * Absent when the inventory declares no off-cluster target.
   */
  readonly offsite?: readonly Resource[];
  /** The Secret the offsite kit needs, and its keys. */
  readonly offsiteSecret: { readonly name: string; readonly accessKeyId: string; readonly secretAccessKey: string; readonly authKey: string };
}

export interface RestoreKitSettings {
  readonly names: PostgresNames;
  readonly namespace: string;
  readonly serverName: string;
  readonly backup: ResolvedBackup;
  readonly imageName: string;
  readonly instances: number;
  readonly storage: { readonly size: string; readonly storageClass: string };
  readonly memory: string;
  /** The off-cluster target and the folder of this cluster's copy in it (bucket copy's `folder`). */
  readonly offsite?: { readonly target: OffsiteTarget; readonly folder: string };
}

const s3Port = 8080;

function restoredCluster(settings: RestoreKitSettings, objectStore: string): Cluster {
  const { names } = settings;
  return new Cluster({
    metadata: { name: `${names.cluster}-restore`, labels: { "k8s-gitops.io/restore-of": names.cluster } },
    spec: {
      instances: settings.instances,
      imageName: settings.imageName,
      storage: { ...settings.storage },
      resources: { requests: { memory: settings.memory }, limits: { memory: settings.memory } },
      enableSuperuserAccess: false,
      affinity: { enablePodAntiAffinity: true, podAntiAffinityType: "required", topologyKey: "kubernetes.io/hostname" },
      // No WAL archiver: the restored cluster never writes into the archive it came from.
      bootstrap: { recovery: { source: names.recoverySource } },
      externalClusters: [
        { name: names.recoverySource, plugin: { name: barmanPlugin, parameters: { ...pluginParameters(names, settings.serverName), barmanObjectName: objectStore } } },
      ],
    },
  });
}

export function restoreKit(settings: RestoreKitSettings): RestoreKit {
  const { names, namespace } = settings;
  const secret = { name: `${names.cluster}-offsite-s3`, accessKeyId: "ACCESS_KEY_ID", secretAccessKey: "ACCESS_SECRET_KEY", authKey: "RCLONE_AUTH_KEY" };
  const kit: RestoreKit = {
    cluster: names.cluster,
    namespace,
    restoredCluster: `${names.cluster}-restore`,
    clusterStore: [restoredCluster(settings, names.objectStore)],
    offsiteSecret: secret,
  };
  if (settings.offsite === undefined) return kit;
  const { target, folder } = settings.offsite;
  const server = `${names.cluster}-offsite-s3`;
  const labels = { "app.kubernetes.io/name": "offsite-s3", "app.kubernetes.io/instance": server };
  const volumeName = `offsite-restore-${namespace}-${names.cluster}`.slice(0, 63).replace(/-+$/, "");
  const storeName = `${names.cluster}-offsite`;
  const store: ObjectStore = {
    apiVersion: "barmancloud.cnpg.io/v1",
    kind: "ObjectStore",
    metadata: { name: storeName },
    spec: {
      retentionPolicy: settings.backup.retention,
      configuration: {
        // `rclone serve s3` serves every folder of its root as a bucket: the copy's `current` folder.
        destinationPath: "s3://current/",
        endpointURL: `http://${server}.${namespace}.svc:${s3Port}`,
        s3Credentials: { accessKeyId: { name: secret.name, key: secret.accessKeyId }, secretAccessKey: { name: secret.name, key: secret.secretAccessKey } },
        wal: { compression: settings.backup.compression, maxParallel: settings.backup.walMaxParallel },
        data: { compression: settings.backup.compression },
      },
    },
  };
  const offsite: Resource[] = [
    ...offsiteVolume(target, volumeName, { namespace, name: server }, true, labels),
    new Deployment({
      metadata: { name: server, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            automountServiceAccountToken: false,
            securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
            containers: [
              {
                name: "rclone",
                image: rcloneImage,
                // rclone cmd/serve/s3 (serve_s3.md): folders of the root are buckets; --auth-key via RCLONE_AUTH_KEY; read-only VFS.
                args: ["serve", "s3", `/offsite/${target.clusterFolder}/${folder}`, `--addr=:${s3Port}`, "--read-only"],
                env: [
                  { name: "RCLONE_AUTH_KEY", valueFrom: { secretKeyRef: { name: secret.name, key: secret.authKey } } },
                  { name: "RCLONE_CONFIG", value: "/dev/null" },
                  { name: "HOME", value: "/tmp" },
                ],
                ports: [{ name: "s3", containerPort: s3Port }],
                resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                volumeMounts: [
                  { name: "offsite", mountPath: "/offsite", readOnly: true },
                  { name: "tmp", mountPath: "/tmp" },
                ],
              },
            ],
            volumes: [
              { name: "offsite", persistentVolumeClaim: { claimName: server, readOnly: true } },
              { name: "tmp", emptyDir: {} },
            ],
          },
        },
      },
    }),
    new Service({ metadata: { name: server, labels }, spec: { selector: labels, ports: [{ name: "s3", port: s3Port, targetPort: "s3" }] } }),
    store,
    restoredCluster(settings, storeName),
  ];
  return { ...kit, offsite };
}
