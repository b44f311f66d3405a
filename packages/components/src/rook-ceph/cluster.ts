import { defineComponent, type ClusterContext, type Component, type DeepPartial, type HealthCheck, type HealthCheckExpr, type Ref } from "@k8s-gitops/core";
import { assertCephCapacity, cephCluster, cephImage, type CephClusterSpec } from "./ceph-cluster.js";
import { dashboardRoute } from "./dashboard.js";
import { privilegedNamespace, rookNamespace } from "./names.js";
import { objectStoreEndpointOf, type ObjectStoreEndpoint } from "./object-bucket.js";
import { blockPool, blockStorageClass, bucketStorageClass, filesystem, filesystemStorageClass, objectStore } from "./pools.js";
import { snapshotClasses } from "./snapshots.js";
import { toolbox } from "./toolbox.js";

export type RookCephClusterStage = "cluster" | "storage" | "snapshots";

export interface RookCephClusterProps {
  /** The operator component (`ref(rookCephOperator(...))`): CRDs and CSI drivers must exist first. */
  readonly operator: Ref;
  /**
   * The snapshot-controller component. With it, a `snapshots` stage adds VolumeSnapshotClasses
   * once the snapshot CRDs exist. @default no snapshot classes
   */
  readonly snapshotController?: Ref;
  /**
   * The component installing the Gateway API CRDs (`ref(gatewayApiCrds(...))`): the dashboard
   * HTTPRoute cannot be applied before them. @default no dependency (CRDs assumed present)
   */
  readonly gatewayApiCrds?: Ref;
  /** @default cephImage (Ceph Tentacle, pinned) */
  readonly cephImage?: string;
  /** Copies of every block, filesystem and object pool, each on another host. @default 3 */
  readonly replicas?: number;
  /** Host label of the dashboard under the cluster's internal domain. @default "ceph" */
  readonly dashboardHost?: string;
  /** Run the Ceph toolbox Deployment (`rook-ceph-tools`) next to the cluster. @default false */
  readonly toolbox?: boolean;
  /** Deep-merged over the generated CephCluster spec (arrays replace); the OSD list always comes from the inventory. */
  readonly spec?: DeepPartial<CephClusterSpec>;
}

/** What consumers of the cluster's storage use, derived from the same names as the objects. */
export interface RookCephClusterEndpoints {
  readonly objectStore: ObjectStoreEndpoint;
  /** `https://<dashboardHost>.<internal domain>` */
  readonly dashboard: string;
}

export type RookCephCluster = Component<RookCephClusterStage> & { readonly endpoints: RookCephClusterEndpoints };

const cephHealth: HealthCheckExpr = {
  apiVersion: "ceph.rook.io/v1",
  kind: "CephCluster",
  // HEALTH_WARN is normal for hours (e.g. while PGs scale); only HEALTH_ERR is a failure.
  current: "status.ceph.health in ['HEALTH_OK', 'HEALTH_WARN']",
  failed: "status.ceph.health == 'HEALTH_ERR'",
};

const storageKinds = ["CephBlockPool", "CephFilesystem", "CephObjectStore"] as const;
const phaseReady = (kind: string): HealthCheckExpr => ({
  apiVersion: "ceph.rook.io/v1",
  kind,
  current: "status.phase == 'Ready'",
  failed: "status.phase == 'Failure'",
});
const checkOf = (resource: { apiVersion: string; kind: string; metadata: { name?: string } }): HealthCheck => ({
  apiVersion: resource.apiVersion,
  kind: resource.kind,
  name: resource.metadata.name ?? "",
  namespace: rookNamespace,
});

/**
 * A Rook Ceph cluster on the inventory's Ceph disks (one OSD per node with a `disks.ceph`),
 * written as plain Ceph CRs so they validate strictly against the ceph.rook.io schemas:
 * - `cluster`: the CephCluster (healthy = HEALTH_OK or HEALTH_WARN) and the dashboard route;
 * - `storage`: block pool + default StorageClass `ceph-block`, filesystem + `ceph-filesystem`,
 *   object store + `ceph-bucket` for ObjectBucketClaims;
 * - `snapshots` (with a snapshot-controller): VolumeSnapshotClasses for RBD and CephFS.
 */
export function rookCephCluster(context: ClusterContext, props: RookCephClusterProps): RookCephCluster {
  const replicas = props.replicas ?? 3;
  assertCephCapacity(context.inventory, replicas);
  const cluster = cephCluster(context.inventory, props.cephImage ?? cephImage, props.spec);
  const dashboardHost = props.dashboardHost ?? "ceph";
  const route = dashboardRoute(context, dashboardHost);
  const pools = [blockPool(replicas), filesystem(replicas), objectStore(replicas)];
  const component = defineComponent<RookCephClusterStage>({
    name: "rook-ceph-cluster",
    namespace: rookNamespace,
    area: "infrastructure",
    category: "storage",
    namespaceLabels: privilegedNamespace,
    dependsOn: [props.operator, ...(props.gatewayApiCrds ? [props.gatewayApiCrds] : [])],
    stages: [
      {
        name: "cluster",
        resources: [cluster, route, ...(props.toolbox ? [toolbox(cluster.spec.cephVersion.image)] : [])],
        healthChecks: [checkOf(cluster)],
        healthCheckExprs: [cephHealth],
        // First OSD preparation and mon quorum take minutes.
        timeout: "15m",
      },
      {
        name: "storage",
        resources: [...pools, blockStorageClass(), filesystemStorageClass(), bucketStorageClass()],
        healthChecks: pools.map(checkOf),
        healthCheckExprs: storageKinds.map(phaseReady),
        timeout: "15m",
      },
      ...(props.snapshotController
        ? [{ name: "snapshots" as const, dependsOn: [props.snapshotController], resources: snapshotClasses() }]
        : []),
    ],
  });
  return {
    ...component,
    endpoints: {
      objectStore: objectStoreEndpointOf(rookNamespace),
      dashboard: `https://${route.spec?.hostnames?.[0] ?? ""}`,
    },
  };
}
