import type { Inventory, InventoryNode } from "../inventory/index.js";
import { nodeIP } from "../inventory/index.js";

/** One row of the node table, every field from the node's inventory entry. */
export interface NodeRow {
  readonly hostname: string;
  readonly ip: string;
  /** `controlplane`, `controlplane (no workloads)` or `worker`. */
  readonly role: string;
  readonly hardware: string;
  readonly cpu: string;
  readonly memory: string;
  readonly location: string;
  /** `500 GB ssd`, selected by model/serial/wwid. */
  readonly installDisk: string;
  readonly installSelector: string;
  /** Whole disk for a Ceph OSD, `/dev/disk/by-id` name, or empty. */
  readonly cephDisk: string;
  readonly cephSize: string;
  /** Disk for node-local volumes, or empty. */
  readonly localDisk: string;
  readonly localSize: string;
}

function role(node: InventoryNode): string {
  return node.role === "controlplane" && !node.schedulable ? "controlplane (no workloads)" : node.role;
}

function selector(node: InventoryNode): string {
  const { model, serial, wwid } = node.disks.install.selector;
  return [model && `model ${model}`, serial && `serial ${serial}`, wwid && `wwid ${wwid}`].filter(Boolean).join(", ");
}

/** The node table of a cluster, in inventory order. */
export function nodeRows(inventory: Inventory): NodeRow[] {
  return inventory.nodes.map((node) => {
    const { install, ceph, local } = node.disks;
    return {
      hostname: node.hostname,
      ip: nodeIP(node),
      role: role(node),
      hardware: `${node.hardware.vendor} ${node.hardware.model}`,
      cpu: node.hardware.cpu,
      memory: `${node.hardware.memoryGiB} GiB`,
      location: `${node.topology.zone} / ${node.topology.rack}`,
      installDisk: `${install.sizeGB} GB ${install.type}`,
      installSelector: selector(node),
      cephDisk: ceph?.id ?? "",
      cephSize: ceph ? `${ceph.sizeGB} GB` : "",
      localDisk: local?.id ?? "",
      localSize: local ? `${local.sizeGB} GB at /var/mnt/${local.mountName}` : "",
    };
  });
}
