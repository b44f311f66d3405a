import { showValue, UserError, type Inventory } from "@k8s-gitops/core";

/**
 * Where the off-cluster copies of one cluster land: a folder named after the cluster on the
 * inventory's `external.offsiteBackup.nfsExport` (the Synology), outside every cluster.
 */
export interface OffsiteTarget {
  /** The NFS server's address (`external.nfs.address`). */
  readonly server: string;
  /** The export's path on the server, e.g. `/volume1/k8s-backups`. */
  readonly share: string;
  /** Folder of this cluster inside the export, so two clusters never write into one tree. */
  readonly clusterFolder: string;
  /** Days a file deleted or replaced at the source stays in the copy's history. */
  readonly retentionDays: number;
  /** Five-field cron schedule (UTC) of the copies. */
  readonly schedule: string;
}

/**
 * The inventory's off-cluster backup target, or `undefined` when it declares none. The inventory
 * rules already checked the export exists and is writable (`offsiteBackupOnWritableExport`); this
 * only fails when called on an inventory that skipped them.
 */
export function offsiteTarget(inventory: Inventory): OffsiteTarget | undefined {
  const backup = inventory.external.offsiteBackup;
  if (backup === undefined) return undefined;
  const nfs = inventory.external.nfs;
  const share = nfs?.exports.find((e) => e.name === backup.nfsExport && !e.readOnly);
  if (nfs === undefined || share === undefined) {
    throw new UserError(`cluster ${inventory.cluster.name}: external.offsiteBackup.nfsExport ${showValue(backup.nfsExport)} is not a writable export of external.nfs`);
  }
  return {
    server: nfs.address,
    share: share.path,
    clusterFolder: inventory.cluster.name,
    retentionDays: Number(backup.retention.slice(0, -1)),
    schedule: backup.schedule,
  };
}
