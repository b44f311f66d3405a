import { UserError, showValue, type Inventory, type LocalDisk } from "@k8s-gitops/core";

/**
 * Where Talos mounts a node's local user volume: `/var/mnt/<mountName>`. The one definition both
 * the Talos patches (UserVolumeConfig, kubelet bind mount) and OpenEBS (hostpath base path) use.
 */
export function localVolumePath(disk: Pick<LocalDisk, "mountName">): string {
  return `/var/mnt/${disk.mountName}`;
}

/**
 * The single hostpath base path of a cluster. OpenEBS has one base path per StorageClass, so
 * every node with a local disk must mount it under the same name.
 */
export function clusterLocalVolumePath(inventory: Inventory): string {
  const where = `inventory of cluster ${inventory.cluster.name}`;
  const paths = new Map<string, string[]>();
  for (const node of inventory.nodes) {
    if (!node.disks.local) continue;
    const path = localVolumePath(node.disks.local);
    paths.set(path, [...(paths.get(path) ?? []), node.hostname]);
  }
  const [first, ...others] = [...paths.keys()];
  if (first === undefined) {
    throw new UserError(`${where}: no node has nodes[].disks.local, so OpenEBS hostpath volumes would land on the system disk`);
  }
  if (others.length > 0) {
    const problems = [...paths].map(([path, nodes]) => `nodes ${showValue(nodes)}: disks.local.mountName gives ${showValue(path)}`);
    throw new UserError(`${where}: nodes[].disks.local.mountName must be the same on every node (OpenEBS has one base path)`, problems);
  }
  return first;
}
