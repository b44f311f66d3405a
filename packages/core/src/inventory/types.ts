import type { z } from "zod";
import type { inventorySchema } from "./schema/inventory.js";

/** Makes every property and array of a parsed value readonly; later stages never mutate it. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A validated cluster inventory, defaults applied. */
export type Inventory = DeepReadonly<z.output<typeof inventorySchema>>;
/** What a user writes in an inventory file (optional fields with defaults may be left out). */
export type InventoryInput = z.input<typeof inventorySchema>;

export type ClusterIdentity = Inventory["cluster"];
export type ClusterEndpoint = ClusterIdentity["endpoint"];
export type ClusterDomains = ClusterIdentity["domains"];
export type GitSource = ClusterIdentity["git"];

export type InventoryNode = Inventory["nodes"][number];
export type NodeRole = InventoryNode["role"];
export type NodeHardware = InventoryNode["hardware"];
export type NodeTopology = InventoryNode["topology"];
export type NodeNetwork = InventoryNode["network"];
export type NetworkInterface = NodeNetwork["interfaces"][number];
export type NicSelector = NonNullable<NetworkInterface["select"]>;
export type Bond = NonNullable<NetworkInterface["bond"]>;
export type Vlan = NetworkInterface["vlans"][number];

export type NodeDisks = InventoryNode["disks"];
export type DiskSelector = NodeDisks["install"]["selector"];
export type InstallDisk = NodeDisks["install"];
export type CephDisk = NonNullable<NodeDisks["ceph"]>;
export type LocalDisk = NonNullable<NodeDisks["local"]>;

export type ClusterNetwork = Inventory["network"];
export type BgpNetwork = ClusterNetwork["bgp"];
export type BgpPeer = BgpNetwork["peers"][number];
export type LoadBalancerNetwork = ClusterNetwork["loadBalancer"];
export type LoadBalancerPool = LoadBalancerNetwork["pools"][number];
export type FixedLoadBalancerIPs = LoadBalancerNetwork["fixed"];

export type ExternalServices = Inventory["external"];
export type NfsServer = NonNullable<ExternalServices["nfs"]>;
export type NfsExport = NfsServer["exports"][number];
export type DnsProvider = ExternalServices["dnsProvider"];
export type OffsiteBackupTarget = NonNullable<ExternalServices["offsiteBackup"]>;
