import type { DiskSelector, LocalDisk } from "@k8s-gitops/core";
import type { TalosDocument } from "./types.js";
import { talosFeatures, type TalosVersion } from "./version.js";

/** `machine.install.diskSelector` from the inventory's selector (model, serial and/or WWID). */
export function installDiskSelector(selector: DiskSelector): Record<string, string> {
  return {
    ...(selector.model === undefined ? {} : { model: selector.model }),
    ...(selector.serial === undefined ? {} : { serial: selector.serial }),
    ...(selector.wwid === undefined ? {} : { wwid: selector.wwid }),
  };
}

/**
 * CEL expression selecting a disk by its `/dev/disk/by-id` link, which carries model and serial
 * and, unlike `/dev/nvme0n1`, does not depend on probe order.
 */
export function diskByIdMatch(id: string): string {
  return `"/dev/disk/by-id/${id}" in disk.symlinks`;
}

/** Where Talos mounts a user volume. */
export function userVolumeMountPath(disk: LocalDisk): string {
  return `/var/mnt/${disk.mountName}`;
}

/**
 * `UserVolumeConfig` for the node-local disk (OpenEBS hostpath), mounted at `/var/mnt/<mountName>`.
 * From v1.12 the volume takes the whole disk; before, it is one partition grown to the disk, with a
 * floor of 90 % of the disk so that a smaller disk is never taken by mistake. The Ceph disk is not
 * referenced by any volume: Rook wants it raw.
 */
export function userVolumeDocument(disk: LocalDisk, version: TalosVersion): TalosDocument {
  const diskSelector = { match: diskByIdMatch(disk.id) };
  const partition = { provisioning: { diskSelector, minSize: `${Math.floor(disk.sizeGB * 0.9)}GB`, grow: true } };
  return {
    apiVersion: "v1alpha1",
    kind: "UserVolumeConfig",
    name: disk.mountName,
    ...(talosFeatures(version).wholeDiskUserVolume ? { volumeType: "disk", provisioning: { diskSelector } } : partition),
    filesystem: { type: "xfs" },
  };
}

/** The kubelet bind mount that lets OpenEBS hostpath pods see the user volume. */
export function localVolumeKubeletMount(disk: LocalDisk): Record<string, unknown> {
  const path = userVolumeMountPath(disk);
  return { destination: path, type: "bind", source: path, options: ["bind", "rshared", "rw"] };
}

