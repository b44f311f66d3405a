import { csiDrivers, rookNamespace } from "./names.js";
import type { ChartValues } from "../charts/index.js";

/** The values of the pinned rook-ceph chart, generated from its archive (values.yaml, schema, templates). */
export type RookCephOperatorValues = ChartValues["rook-ceph"];

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

/** The values of the pinned ceph-csi-drivers chart, generated from its archive (values.yaml, schema, templates). */
export type CephCsiDriversValues = ChartValues["ceph-csi-drivers"];

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
