import { csiDriverNfs } from "@k8s-gitops/components/csi-driver-nfs";
import { openebs } from "@k8s-gitops/components/openebs";
import { rookCephCluster, rookCephOperator } from "@k8s-gitops/components/rook-ceph";
import { snapshotController } from "@k8s-gitops/components/snapshot-controller";
import { ref, type ClusterContext } from "@k8s-gitops/core";
import type { Platform } from "./platform.js";

/**
 * Storage every cluster runs on its own disks: Rook-Ceph on the 1 TB NVMe of each node (block,
 * filesystem, object), OpenEBS hostpath on the 512 GB NVMe user volume, VolumeSnapshots, and NFS
 * from the Synology.
 */
export function storage(context: ClusterContext, platform: Platform) {
  const snapshots = snapshotController(context);
  const rookOperator = rookCephOperator(context);
  return {
    snapshotController: snapshots,
    rookCephOperator: rookOperator,
    rookCephCluster: rookCephCluster(context, {
      operator: ref(rookOperator),
      snapshotController: ref(snapshots),
      gatewayApiCrds: ref(platform.gatewayApiCrds),
    }),
    openebs: openebs(context),
    csiDriverNfs: csiDriverNfs(context),
  };
}

export type Storage = ReturnType<typeof storage>;
