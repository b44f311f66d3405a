export { rookCephOperator, chart, csiDriversChart, operatorBase, type RookCephOperatorProps, type RookCephOperatorStage } from "./operator.js";
export { defaultCsiDriversValues, defaultOperatorValues, type CephCsiDriversValues, type RookCephOperatorValues } from "./operator-values.js";
export {
  rookCephCluster,
  type RookCephCluster,
  type RookCephClusterEndpoints,
  type RookCephClusterProps,
  type RookCephClusterStage,
} from "./cluster.js";
export { cephDevicePath, cephImage, osdNodes, type CephCluster, type CephClusterSpec, type CephStorageNode } from "./ceph-cluster.js";
export { objectBucket, objectStoreEndpoint, objectStoreEndpointOf, type ObjectBucketClaim, type ObjectStoreEndpoint } from "./object-bucket.js";
export { snapshotClasses, type VolumeSnapshotClass } from "./snapshots.js";
export type { CephBlockPool, CephFilesystem, CephObjectStore } from "./pools.js";
export { cephClusterName, csiDrivers, rookNamespace, snapshotClassNames, storageClassNames } from "./names.js";
export * from "./flows.js";
