import { storageClassNames as platformStorageClasses } from "@k8s-gitops/core/conventions";

/**
 * Names Rook and Ceph-CSI derive from each other. They are fixed by the operator's namespace, so
 * every object that refers to another (StorageClass -> pool, HTTPRoute -> Service, snapshot class
 * -> CSI secret) reads them from here instead of retyping them.
 */
export const rookNamespace = "rook-ceph";

/** Name of the CephCluster; Rook prefixes every daemon and Service with it. */
export const cephClusterName = "rook-ceph";

/** CSI driver (provisioner) names: `<operator namespace>.<driver>.csi.ceph.com`. */
export const csiDrivers = {
  rbd: `${rookNamespace}.rbd.csi.ceph.com`,
  cephfs: `${rookNamespace}.cephfs.csi.ceph.com`,
  nfs: `${rookNamespace}.nfs.csi.ceph.com`,
  nvmeof: `${rookNamespace}.nvmeof.csi.ceph.com`,
} as const;

/** The cephx Secrets Rook creates for the CSI drivers (in the cluster's namespace). */
export const csiSecrets = {
  rbdProvisioner: "rook-csi-rbd-provisioner",
  rbdNode: "rook-csi-rbd-node",
  cephfsProvisioner: "rook-csi-cephfs-provisioner",
  cephfsNode: "rook-csi-cephfs-node",
} as const;

/** Provisioner of ObjectBucketClaims: `<operator namespace>.ceph.rook.io/bucket`. */
export const bucketProvisioner = `${rookNamespace}.ceph.rook.io/bucket`;

export const blockPoolName = "ceph-blockpool";
export const filesystemName = "ceph-filesystem";
/** The data pool of the filesystem; Ceph names it `<filesystem>-<pool>`. */
export const filesystemDataPool = "data0";
export const objectStoreName = "ceph-objectstore";

/** The Ceph StorageClasses (their names are platform conventions). */
export const storageClassNames = {
  block: platformStorageClasses.block,
  filesystem: platformStorageClasses.filesystem,
  bucket: platformStorageClasses.bucket,
} as const;

export const snapshotClassNames = {
  block: "csi-ceph-blockpool",
  filesystem: "csi-ceph-filesystem",
} as const;

/** The RGW Service Rook creates for an object store: `rook-ceph-rgw-<store>`, on the gateway port. */
export const objectStoreService = { name: `rook-ceph-rgw-${objectStoreName}`, port: 80 } as const;

/**
 * The dashboard Service of the active mgr. Without SSL the dashboard listens on 7000; the port is
 * set explicitly in the CephCluster so the HTTPRoute and the daemon read the same number.
 */
export const dashboardService = { name: "rook-ceph-mgr-dashboard", port: 7000 } as const;

/** Annotation that makes a StorageClass the cluster default. */
export const defaultStorageClassAnnotation = "storageclass.kubernetes.io/is-default-class";
/** Annotation that makes a VolumeSnapshotClass the default for its driver. */
export const defaultSnapshotClassAnnotation = "snapshot.storage.kubernetes.io/is-default-class";

/** Pod Security level the storage namespaces need: OSDs, CSI node plugins and hostpath helpers are privileged. */
export const privilegedNamespace = { "pod-security.kubernetes.io/enforce": "privileged" } as const;
