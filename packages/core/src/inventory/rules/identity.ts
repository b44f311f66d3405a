import type { FieldPath } from "../finding.js";
import type { InventoryNode, NicSelector } from "../types.js";
import { duplicates, type Keyed, type Rule, type SourcedInventory } from "./rule.js";

// Names and hardware identifiers must be unique within a cluster and across all clusters: nodes
// of both clusters share one LAN, one DNS namespace and one ClusterMesh.

function keyed(source: number, path: FieldPath, value: string, key = value): Keyed {
  return { ref: { source, path }, key, value };
}

export const uniqueClusterNames: Rule = (clusters) =>
  duplicates(
    clusters.map(({ source, inventory }) => keyed(source, ["cluster", "name"], inventory.cluster.name)),
    "the name of another cluster",
  );

export const uniqueClusterIds: Rule = (clusters) =>
  duplicates(
    clusters.map(({ source, inventory }) => ({
      ref: { source, path: ["cluster", "id"] },
      key: String(inventory.cluster.id),
      value: inventory.cluster.id,
    })),
    "the ClusterMesh id of another cluster",
  );

function eachNode<T>(clusters: readonly SourcedInventory[], f: (source: number, node: InventoryNode, i: number) => T[]): T[] {
  return clusters.flatMap(({ source, inventory }) => inventory.nodes.flatMap((node, i) => f(source, node, i)));
}

export const uniqueHostnames: Rule = (clusters) =>
  duplicates(
    eachNode(clusters, (source, node, i) => [keyed(source, ["nodes", i, "hostname"], node.hostname)]),
    "the hostname of another node",
  );

function selectorMacs(source: number, path: FieldPath, selector: NicSelector | undefined): Keyed[] {
  return selector?.mac === undefined ? [] : [keyed(source, [...path, "mac"], selector.mac)];
}

export const uniqueMacAddresses: Rule = (clusters) =>
  duplicates(
    eachNode(clusters, (source, node, n) =>
      node.network.interfaces.flatMap((iface, i) => {
        const path: FieldPath = ["nodes", n, "network", "interfaces", i];
        return [
          ...selectorMacs(source, [...path, "select"], iface.select),
          ...(iface.bond?.members ?? []).flatMap((member, m) =>
            selectorMacs(source, [...path, "bond", "members", m], member),
          ),
        ];
      }),
    ),
    "a MAC address used elsewhere",
  );

/** Disk serials, WWIDs and by-id names identify one physical disk, so each may appear only once. */
export const uniqueDisks: Rule = (clusters) =>
  duplicates(
    eachNode(clusters, (source, node, n) => {
      const disks: FieldPath = ["nodes", n, "disks"];
      const { install, ceph, local } = node.disks;
      const { serial, wwid } = install.selector;
      return [
        ...(serial === undefined ? [] : [keyed(source, [...disks, "install", "selector", "serial"], serial, `serial:${serial}`)]),
        ...(wwid === undefined ? [] : [keyed(source, [...disks, "install", "selector", "wwid"], wwid, `wwid:${wwid}`)]),
        ...(ceph === undefined ? [] : [keyed(source, [...disks, "ceph", "id"], ceph.id, `id:${ceph.id}`)]),
        ...(local === undefined ? [] : [keyed(source, [...disks, "local", "id"], local.id, `id:${local.id}`)]),
      ];
    }),
    "a disk used elsewhere",
  );
