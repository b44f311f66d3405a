import { z } from "zod";
import {
  diskById,
  dnsLabel,
  driverName,
  ipv4Address,
  ipv4InterfaceAddress,
  labelValue,
  linkName,
  macAddress,
  pciBusPath,
  positiveInt,
  text,
} from "./formats.js";

// Structural checks that concern the shape of one object (which keys are combined) live here;
// everything that compares values with each other lives in ../rules.

/** Pushes a problem about the object itself; no value is shown because the object is the context. */
function objectProblem(message: string, path: readonly string[] = []): z.core.$ZodRawIssue {
  return { code: "custom", message, path: [...path], input: undefined };
}

export const nicSelectorSchema = z
  .strictObject({
    mac: macAddress.optional().describe("Permanent MAC address of the NIC (Talos deviceSelector.hardwareAddr)."),
    driver: driverName.optional().describe("Kernel driver of the NIC, usually combined with busPath (deviceSelector.driver)."),
    busPath: pciBusPath.optional().describe("PCI bus path of the NIC (deviceSelector.busPath)."),
  })
  .check((ctx) => {
    if (ctx.value.mac === undefined && ctx.value.busPath === undefined) {
      ctx.issues.push(objectProblem('selects no NIC (expected "mac", or "busPath" with an optional "driver")'));
    }
  })
  .describe("Selects exactly one physical NIC: by MAC address, or by PCI bus path (and driver).");

export const bondMemberSchema = z
  .strictObject({
    ...nicSelectorSchema.shape,
    switch: dnsLabel
      .optional()
      .describe("Name of the top-of-rack switch the NIC is cabled to, one of network.switches.names."),
  })
  .check((ctx) => {
    if (ctx.value.mac === undefined && ctx.value.busPath === undefined) {
      ctx.issues.push(objectProblem('selects no NIC (expected "mac", or "busPath" with an optional "driver")'));
    }
  })
  .describe(
    "One NIC of a bond and the switch it is cabled to. It has no MTU of its own: the kernel gives every member " +
      "the bond's MTU when it is enslaved and whenever the bond's MTU changes.",
  );

export const bondSchema = z
  .strictObject({
    mode: z
      .enum(["802.3ad", "active-backup"])
      .describe(
        "Bonding mode: 802.3ad (LACP; across two switches only when they are stacked or MLAG) or active-backup.",
      ),
    members: z.array(bondMemberSchema).min(1).describe("The NICs aggregated into the bond, one per switch."),
  })
  .describe("A bond of several NICs, used instead of select.");

export const vlanSchema = z
  .strictObject({
    id: z.int().min(1).max(4094).describe("802.1Q VLAN id, 1..4094."),
    addresses: z
      .array(ipv4InterfaceAddress.describe("A static IPv4 address with prefix, e.g. 10.25.20.11/24."))
      .min(1)
      .describe("Static IPv4 addresses on the VLAN; they must lie outside the cluster's node subnet and ranges."),
    mtu: z.int().min(576).max(9216).default(1500).describe("MTU of the VLAN link."),
  })
  .describe("A tagged VLAN on top of the interface.");

export const networkInterfaceSchema = z
  .strictObject({
    name: linkName.describe("Logical name of the link (a Talos link alias), e.g. lan."),
    select: nicSelectorSchema.optional(),
    bond: bondSchema.optional(),
    addresses: z
      .array(ipv4InterfaceAddress.describe("A static IPv4 address with prefix, e.g. 10.25.11.11/24."))
      .default([])
      .describe("Static IPv4 addresses of the untagged link; they must lie in the node subnet."),
    mtu: z.int().min(576).max(9216).default(1500).describe("MTU of the untagged link."),
    vlans: z.array(vlanSchema).default([]).describe("Tagged VLANs on top of this interface."),
  })
  .check((ctx) => {
    const { select, bond } = ctx.value;
    if (select !== undefined && bond !== undefined) {
      ctx.issues.push(objectProblem('has both "select" and "bond" (expected exactly one of them)'));
    } else if (select === undefined && bond === undefined) {
      ctx.issues.push(objectProblem('has neither "select" nor "bond" (expected exactly one of them to choose the NIC)'));
    }
  })
  .describe("A network link: one NIC (select) or a bond, with its addresses and VLANs.");

export const nodeNetworkSchema = z
  .strictObject({
    interfaces: z
      .array(networkInterfaceSchema)
      .min(1)
      .describe("Network links of the node; the default gateway must be on-link for exactly one of them."),
    defaultGateway: ipv4Address.describe("Next hop of the default route, e.g. 10.25.11.1."),
  })
  .describe("Static network configuration of the node.");

export const diskSelectorSchema = z
  .strictObject({
    model: text.optional().describe("Disk model as reported by Talos (`talosctl get disks`)."),
    serial: text.optional().describe("Disk serial number."),
    wwid: text.optional().describe("World wide identifier of the disk."),
  })
  .check((ctx) => {
    const { model, serial, wwid } = ctx.value;
    if (model === undefined && serial === undefined && wwid === undefined) {
      ctx.issues.push(objectProblem('selects no disk (expected at least one of "model", "serial", "wwid")'));
    }
  })
  .describe("Talos install disk selector.");

export const installDiskSchema = z
  .strictObject({
    selector: diskSelectorSchema,
    sizeGB: positiveInt.describe("Disk size in GB (10^9 bytes), for documentation and capacity planning."),
    type: z.enum(["ssd", "hdd", "nvme"]).describe("Disk type."),
  })
  .describe("The disk Talos installs to (system and EPHEMERAL partitions).");

export const cephDiskSchema = z
  .strictObject({
    id: diskById.describe("Name of the disk's link in /dev/disk/by-id."),
    sizeGB: positiveInt.describe("Disk size in GB (10^9 bytes)."),
  })
  .describe("Whole disk handed to Rook Ceph as an OSD.");

export const localDiskSchema = z
  .strictObject({
    id: diskById.describe("Name of the disk's link in /dev/disk/by-id."),
    sizeGB: positiveInt.describe("Disk size in GB (10^9 bytes)."),
    mountName: dnsLabel
      .default("local-hostpath")
      .describe("Name of the Talos user volume (mounted at /var/mnt/<mountName>) used by OpenEBS local PVs."),
  })
  .describe("Disk for a Talos user volume that backs node-local persistent volumes.");

export const nodeDisksSchema = z
  .strictObject({
    install: installDiskSchema,
    ceph: cephDiskSchema.optional(),
    local: localDiskSchema.optional(),
  })
  .describe("Disks of the node by purpose.");

export const nodeSchema = z
  .strictObject({
    hostname: dnsLabel.describe("Hostname of the node, also its Kubernetes node name."),
    role: z.enum(["controlplane", "worker"]).describe("Talos machine type."),
    schedulable: z
      .boolean()
      .default(true)
      .describe("Whether ordinary workloads may run on the node; for control planes this drops the NoSchedule taint."),
    hardware: z
      .strictObject({
        vendor: text.describe("Hardware vendor, e.g. Lenovo."),
        model: text.describe('Hardware model, e.g. "ThinkCentre M920x".'),
        cpu: text.describe('CPU model, e.g. "Intel Core i7-8700T".'),
        memoryGiB: positiveInt.describe("Installed memory in GiB."),
      })
      .describe("What the node is, for documentation, labels and capacity planning."),
    topology: z
      .strictObject({
        zone: labelValue.describe("Value of the topology.kubernetes.io/zone label."),
        rack: labelValue.describe("Rack or shelf the node sits in (a custom topology label)."),
      })
      .describe("Where the node is, used for topology labels and failure domains."),
    network: nodeNetworkSchema,
    disks: nodeDisksSchema,
  })
  .describe("One machine of the cluster.");
