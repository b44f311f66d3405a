import type { PlainResource } from "@k8s-gitops/core";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";
import {
  blockPoolName,
  bucketProvisioner,
  csiDrivers,
  csiSecrets,
  defaultStorageClassAnnotation,
  filesystemDataPool,
  filesystemName,
  objectStoreName,
  objectStoreService,
  rookNamespace,
  storageClassNames,
} from "./names.js";

/** Replication of a pool: `size` copies, each on a different host. */
interface ReplicatedPool {
  readonly failureDomain: "host";
  readonly replicated: { readonly size: number; readonly requireSafeReplicaSize?: boolean };
}

interface CephResource<K extends string, S> extends PlainResource {
  readonly apiVersion: "ceph.rook.io/v1";
  readonly kind: K;
  readonly spec: S;
}

export type CephBlockPool = CephResource<"CephBlockPool", ReplicatedPool & { readonly enableRBDStats: boolean }>;

export type CephFilesystem = CephResource<
  "CephFilesystem",
  {
    readonly metadataPool: ReplicatedPool;
    readonly dataPools: readonly (ReplicatedPool & { readonly name: string })[];
    readonly preserveFilesystemOnDelete: boolean;
    readonly metadataServer: {
      readonly activeCount: number;
      readonly activeStandby: boolean;
      readonly priorityClassName: string;
      readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
    };
  }
>;

export type CephObjectStore = CephResource<
  "CephObjectStore",
  {
    readonly metadataPool: ReplicatedPool;
    readonly dataPool: ReplicatedPool;
    readonly preservePoolsOnDelete: boolean;
    readonly gateway: { readonly port: number; readonly instances: number; readonly hostNetwork: boolean; readonly priorityClassName: string };
  }
>;

function replicatedPool(size: number): ReplicatedPool {
  // Ceph refuses single-copy pools unless told that this is intended.
  return { failureDomain: "host", replicated: size === 1 ? { size, requireSafeReplicaSize: false } : { size } };
}

/** The CSI secret parameters a Ceph StorageClass passes to its driver (provisioning, expansion, staging). */
function csiSecretParameters(provisionerSecret: string, nodeSecret: string): Record<string, string> {
  return {
    "csi.storage.k8s.io/provisioner-secret-name": provisionerSecret,
    "csi.storage.k8s.io/provisioner-secret-namespace": rookNamespace,
    "csi.storage.k8s.io/controller-expand-secret-name": provisionerSecret,
    "csi.storage.k8s.io/controller-expand-secret-namespace": rookNamespace,
    "csi.storage.k8s.io/node-stage-secret-name": nodeSecret,
    "csi.storage.k8s.io/node-stage-secret-namespace": rookNamespace,
  };
}

/** The RBD pool behind `ceph-block`, the cluster's default StorageClass. */
export function blockPool(replicas: number): CephBlockPool {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephBlockPool",
    metadata: { name: blockPoolName },
    spec: { ...replicatedPool(replicas), enableRBDStats: true },
  };
}

export function blockStorageClass(): StorageClass {
  return new StorageClass({
    metadata: { name: storageClassNames.block, annotations: { [defaultStorageClassAnnotation]: "true" } },
    provisioner: csiDrivers.rbd,
    parameters: {
      clusterID: rookNamespace,
      pool: blockPoolName,
      imageFormat: "2",
      imageFeatures: "layering,exclusive-lock,object-map,fast-diff,deep-flatten",
      ...csiSecretParameters(csiSecrets.rbdProvisioner, csiSecrets.rbdNode),
      "csi.storage.k8s.io/fstype": "ext4",
    },
    reclaimPolicy: "Delete",
    allowVolumeExpansion: true,
    volumeBindingMode: "Immediate",
  });
}

/** A shared (ReadWriteMany) filesystem with one active MDS and a hot standby. */
export function filesystem(replicas: number): CephFilesystem {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephFilesystem",
    metadata: { name: filesystemName },
    spec: {
      metadataPool: replicatedPool(replicas),
      dataPools: [{ name: filesystemDataPool, ...replicatedPool(replicas) }],
      // Deleting the CR by mistake (a pruned Kustomization) must not delete the data.
      preserveFilesystemOnDelete: true,
      metadataServer: {
        activeCount: 1,
        activeStandby: true,
        priorityClassName: "system-cluster-critical",
        resources: { requests: { cpu: "100m", memory: "1Gi" }, limits: { memory: "4Gi" } },
      },
    },
  };
}

export function filesystemStorageClass(): StorageClass {
  return new StorageClass({
    metadata: { name: storageClassNames.filesystem },
    provisioner: csiDrivers.cephfs,
    parameters: {
      clusterID: rookNamespace,
      fsName: filesystemName,
      pool: `${filesystemName}-${filesystemDataPool}`,
      ...csiSecretParameters(csiSecrets.cephfsProvisioner, csiSecrets.cephfsNode),
    },
    reclaimPolicy: "Delete",
    allowVolumeExpansion: true,
    volumeBindingMode: "Immediate",
  });
}

/** The S3 object store (RGW) for backups and application buckets. */
export function objectStore(replicas: number): CephObjectStore {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephObjectStore",
    metadata: { name: objectStoreName },
    spec: {
      metadataPool: replicatedPool(replicas),
      dataPool: replicatedPool(replicas),
      // Backups outlive the CR: deleting it must not delete the pools.
      preservePoolsOnDelete: true,
      gateway: {
        port: objectStoreService.port,
        instances: 2,
        // Reached only through its Service; on the host network it would bind port 80 of every node.
        hostNetwork: false,
        priorityClassName: "system-cluster-critical",
      },
    },
  };
}

/**
 * StorageClass for ObjectBucketClaims. `Retain`: deleting a claim keeps the bucket and its
 * backups; removing a bucket is a deliberate act in the object store.
 */
export function bucketStorageClass(): StorageClass {
  return new StorageClass({
    metadata: { name: storageClassNames.bucket },
    provisioner: bucketProvisioner,
    parameters: { objectStoreName, objectStoreNamespace: rookNamespace },
    reclaimPolicy: "Retain",
    volumeBindingMode: "Immediate",
  });
}
