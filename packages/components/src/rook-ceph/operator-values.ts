import { csiDrivers, rookNamespace } from "./names.js";

/**
 * The rook-ceph (operator) chart values this project sets. Since Rook v1.20 the operator no
 * longer deploys the CSI drivers: the chart only carries the ceph-csi-operator subchart and the
 * CSI image set, and the old `csi.*` driver switches are ignored. Driver settings live in
 * {@link CephCsiDriversValues} instead.
 */
export interface RookCephOperatorValues {
  crds: { enabled: boolean };
  image: { repository: string };
  monitoring: { enabled: boolean };
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  csi: { installCsiOperator: boolean };
  [key: string]: unknown;
}

export const defaultOperatorValues: RookCephOperatorValues = {
  // Deleting the CRDs deletes every Ceph object: the chart must keep owning them.
  crds: { enabled: true },
  // The same image Rook publishes on Docker Hub, without Docker Hub's pull limits.
  image: { repository: "ghcr.io/rook/ceph" },
  monitoring: { enabled: true },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  // The drivers stage needs the ceph-csi-operator (its Driver and OperatorConfig CRDs): the
  // subchart's condition in Chart.yaml of v1.20 (`rookUseCsiOperator` is gone since v1.20).
  csi: { installCsiOperator: true },
  // Buckets of one consumer share one owner (CephObjectStoreUser) through the OBC field
  // bucketOwner, which Rook refuses unless it is listed here (default: maxObjects,maxSize).
  obcAllowAdditionalConfigFields: "maxObjects,maxSize,bucketOwner",
};

type SnapshotPolicy = "none" | "volumeSnapshot" | "volumeGroupSnapshot";

interface CsiDriverValues {
  enabled: boolean;
  name: string;
  snapshotPolicy?: SnapshotPolicy;
  kernelMountOptions?: Record<string, string>;
}

/** The ceph-csi-drivers chart values: which Ceph-CSI drivers the ceph-csi-operator runs, and how. */
export interface CephCsiDriversValues {
  cephConnections: unknown[];
  clientProfiles: unknown[];
  operatorConfig: {
    namespace: string;
    driverSpecDefaults: {
      imageSet: { name: string };
      nodePlugin: { priorityClassName: string };
      controllerPlugin: { priorityClassName: string; replicas: number };
    };
  };
  drivers: { rbd: CsiDriverValues; cephfs: CsiDriverValues; nfs: CsiDriverValues; nvmeof: CsiDriverValues };
  [key: string]: unknown;
}

/** Rook's recommended drivers values (deploy/charts/ceph-csi-drivers/values.yaml of Rook v1.20) plus snapshots and HA. */
export const defaultCsiDriversValues: CephCsiDriversValues = {
  // Rook creates the CephConnection and ClientProfile of its cluster itself.
  cephConnections: [],
  clientProfiles: [],
  operatorConfig: {
    namespace: rookNamespace,
    driverSpecDefaults: {
      // Rook writes the CSI image versions it was tested with into this ConfigMap.
      imageSet: { name: "rook-csi-operator-image-set-configmap" },
      nodePlugin: { priorityClassName: "system-node-critical" },
      controllerPlugin: { priorityClassName: "system-cluster-critical", replicas: 2 },
    },
  },
  drivers: {
    // The names must equal the provisioners of the StorageClasses and VolumeSnapshotClasses.
    // Without a snapshot policy the csi-snapshotter sidecar is not deployed at all.
    rbd: { enabled: true, name: csiDrivers.rbd, snapshotPolicy: "volumeSnapshot" },
    cephfs: { enabled: true, name: csiDrivers.cephfs, snapshotPolicy: "volumeSnapshot" },
    nfs: { enabled: false, name: csiDrivers.nfs },
    nvmeof: { enabled: false, name: csiDrivers.nvmeof },
  },
};
