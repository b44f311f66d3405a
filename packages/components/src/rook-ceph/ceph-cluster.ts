import { UserError, merge, showValue, type DeepPartial, type Inventory, type PlainResource } from "@k8s-gitops/core";
import { cephClusterName, dashboardService } from "./names.js";

/**
 * Ceph release the cluster runs: Tentacle (v20.2), which Rook v1.20 supports. Pinned to a patch
 * release so an upgrade is a reviewed diff, never a silent pull.
 */
// renovate: datasource=docker depName=quay.io/ceph/ceph
export const cephImage = "quay.io/ceph/ceph:v20.2.4";

/** An OSD device, addressed by its stable `/dev/disk/by-id` link. */
export interface CephDevice {
  readonly name: string;
  readonly config?: Readonly<Record<string, string>>;
}

export interface CephStorageNode {
  readonly name: string;
  readonly devices: readonly CephDevice[];
}

/** The part of the CephCluster spec (ceph.rook.io/v1) this project sets; the CRD has many more fields. */
export interface CephClusterSpec {
  cephVersion: { image: string; allowUnsupported: boolean };
  dataDirHostPath: string;
  mon: { count: number; allowMultiplePerNode: boolean };
  mgr: { count: number; allowMultiplePerNode: boolean; modules: { name: string; enabled: boolean }[] };
  dashboard: { enabled: boolean; ssl: boolean; port: number; urlPrefix: string };
  monitoring: { enabled: boolean };
  network: { provider: "" | "host" };
  crashCollector: { disable: boolean; daysToRetain: number };
  priorityClassNames: Record<string, string>;
  disruptionManagement: { managePodBudgets: boolean };
  storage: { useAllNodes: boolean; useAllDevices: boolean; nodes: CephStorageNode[] };
  [field: string]: unknown;
}

export interface CephCluster extends PlainResource {
  readonly apiVersion: "ceph.rook.io/v1";
  readonly kind: "CephCluster";
  readonly spec: CephClusterSpec;
}

/** Where a node's Ceph disk appears: its by-id link, which survives reboots and re-cabling. */
export function cephDevicePath(id: string): string {
  return `/dev/disk/by-id/${id}`;
}

/**
 * One `storage.nodes` entry per node with a `disks.ceph`: exactly that disk becomes an OSD.
 * Nodes without a Ceph disk still run mons and mgrs, but no OSD.
 */
export function osdNodes(inventory: Inventory): CephStorageNode[] {
  return inventory.nodes.flatMap((node) =>
    node.disks.ceph ? [{ name: node.hostname, devices: [{ name: cephDevicePath(node.disks.ceph.id) }] }] : [],
  );
}

/** Monitors: three keep quorum through the loss of one node. */
const monitors = 3;

function defaultSpec(inventory: Inventory, image: string): CephClusterSpec {
  return {
    cephVersion: { image, allowUnsupported: false },
    // Talos allows host paths only under /var.
    dataDirHostPath: "/var/lib/rook",
    mon: { count: monitors, allowMultiplePerNode: false },
    mgr: { count: 2, allowMultiplePerNode: false, modules: [{ name: "pg_autoscaler", enabled: true }] },
    dashboard: { enabled: true, ssl: false, port: dashboardService.port, urlPrefix: "/" },
    monitoring: { enabled: true },
    // Host networking: Ceph traffic between the NVMe OSDs stays on the node NICs without passing
    // through the CNI, mons keep the node IPs as stable addresses, and storage stays reachable
    // while Cilium restarts or upgrades (the CSI node plugins are host-networked anyway).
    network: { provider: "host" },
    crashCollector: { disable: false, daysToRetain: 30 },
    priorityClassNames: { mon: "system-node-critical", osd: "system-node-critical", mgr: "system-cluster-critical" },
    disruptionManagement: { managePodBudgets: true },
    storage: { useAllNodes: false, useAllDevices: false, nodes: osdNodes(inventory) },
  };
}

/**
 * Checks that the inventory can host the cluster: enough nodes for the monitors, and enough
 * nodes with a Ceph disk for the requested number of copies (one copy per host).
 */
export function assertCephCapacity(inventory: Inventory, replicas: number): void {
  const where = `rookCephCluster (cluster ${inventory.cluster.name})`;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new UserError(`${where}: props.replicas must be a positive integer, got ${showValue(replicas)}`);
  }
  const problems: string[] = [];
  if (inventory.nodes.length < monitors) {
    problems.push(`inventory nodes: ${monitors} monitors need ${monitors} nodes, the inventory has ${inventory.nodes.length}`);
  }
  const osds = osdNodes(inventory).map((node) => node.name);
  if (osds.length < replicas) {
    problems.push(
      `inventory nodes[].disks.ceph: props.replicas ${showValue(replicas)} needs that many nodes with a Ceph disk (failure domain host), found ${osds.length}: ${showValue(osds)}`,
    );
  }
  if (problems.length > 0) throw new UserError(`${where}: the inventory cannot host the Ceph cluster`, problems);
}

/**
 * The CephCluster, its OSDs taken from the inventory. `overrides` are deep-merged over the
 * defaults (arrays replace); the OSD list is derived, so it is re-applied last.
 */
export function cephCluster(inventory: Inventory, image: string, overrides?: DeepPartial<CephClusterSpec>): CephCluster {
  const spec = merge<CephClusterSpec>(defaultSpec(inventory, image), overrides);
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephCluster",
    metadata: { name: cephClusterName },
    spec: { ...spec, storage: { ...spec.storage, nodes: osdNodes(inventory) } },
  };
}
