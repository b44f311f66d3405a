import type { NfsExport, NfsServer } from "@k8s-gitops/core";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";

/** The CSI driver name the chart registers. */
export const nfsDriver = "nfs.csi.k8s.io";

/**
 * NFS 4.1 (sessions, parallel-safe locking), hard mounts (a server restart stalls I/O instead of
 * corrupting it), several TCP connections per mount for throughput, no access-time writes.
 */
export const defaultMountOptions: readonly string[] = ["nfsvers=4.1", "hard", "nconnect=8", "noatime"];

/**
 * The StorageClass name of an export: `nfs` for the first export of the inventory (the one
 * generic claims use), `nfs-<export name>` for every other, e.g. `nfs-media`.
 */
export function nfsStorageClassName(index: number, nfsExport: Pick<NfsExport, "name">): string {
  return index === 0 ? "nfs" : `nfs-${nfsExport.name}`;
}

/**
 * One StorageClass per export of the inventory's NFS server. Each volume is a subdirectory of
 * the export. `Retain`: the server holds data people care about (media, documents), so deleting
 * a claim never deletes files. Read-only exports are mounted `ro`.
 */
export function nfsStorageClasses(server: NfsServer, mountOptions: readonly string[] = defaultMountOptions): StorageClass[] {
  return server.exports.map(
    (nfsExport, index) =>
      new StorageClass({
        metadata: { name: nfsStorageClassName(index, nfsExport) },
        provisioner: nfsDriver,
        parameters: { server: server.address, share: nfsExport.path },
        mountOptions: nfsExport.readOnly ? [...mountOptions, "ro"] : [...mountOptions],
        reclaimPolicy: "Retain",
        allowVolumeExpansion: true,
        volumeBindingMode: "Immediate",
      }),
  );
}
