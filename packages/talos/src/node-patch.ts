import type { Inventory, InventoryNode } from "@k8s-gitops/core";
import { installDiskSelector, localVolumeKubeletMount, userVolumeDocument } from "./disks.js";
import { legacyNodeNetwork, networkDocuments } from "./network.js";
import type { TalosDocument } from "./types.js";
import { talosFeatures, type TalosVersion } from "./version.js";

/** Rook reads `topology.rook.io/*` node labels into the CRUSH map, so replicas land in different racks. */
export const rackLabel = "topology.rook.io/rack";

/** A Kubernetes label value from free text: runs of other characters become `-`, at most 63 characters. */
export function labelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "")
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, "");
}

/**
 * Node labels: the cluster as region (each cluster is its own failure domain, ClusterMesh-wide),
 * the zone, the rack for Ceph, and the hardware model as instance type.
 */
export function nodeLabels(inventory: Inventory, node: InventoryNode): Record<string, string> {
  return {
    "node.kubernetes.io/instance-type": labelValue(`${node.hardware.vendor} ${node.hardware.model}`),
    [rackLabel]: node.topology.rack,
    "topology.kubernetes.io/region": inventory.cluster.name,
    "topology.kubernetes.io/zone": node.topology.zone,
  };
}

/**
 * The patch of one node: install disk, labels, the user volume and its kubelet mount, scheduling
 * on control planes, and the network (multi-doc from v1.12, `machine.network` before).
 */
export function nodePatch(inventory: Inventory, node: InventoryNode, version: TalosVersion): TalosDocument[] {
  const features = talosFeatures(version);
  const local = node.disks.local;
  const machine = {
    install: { diskSelector: installDiskSelector(node.disks.install.selector) },
    nodeLabels: nodeLabels(inventory, node),
    ...(local === undefined ? {} : { kubelet: { extraMounts: [localVolumeKubeletMount(local)] } }),
    ...(features.multiDocNetwork ? {} : { network: legacyNodeNetwork(inventory, node) }),
  };
  const v1alpha1: TalosDocument = {
    machine,
    // Each control plane reads this from its own config to decide whether it keeps the NoSchedule taint.
    ...(node.role === "controlplane" ? { cluster: { allowSchedulingOnControlPlanes: node.schedulable } } : {}),
  };
  return [
    v1alpha1,
    ...(features.multiDocNetwork ? networkDocuments(inventory, node) : []),
    ...(local === undefined ? [] : [userVolumeDocument(local, version)]),
  ];
}
