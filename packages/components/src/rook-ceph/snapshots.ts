import type { PlainResource } from "@k8s-gitops/core";
import { csiDrivers, csiSecrets, defaultSnapshotClassAnnotation, rookNamespace, snapshotClassNames } from "./names.js";

/** A VolumeSnapshotClass (snapshot.storage.k8s.io/v1); kubernetes-models has no class for it. */
export interface VolumeSnapshotClass extends PlainResource {
  readonly apiVersion: "snapshot.storage.k8s.io/v1";
  readonly kind: "VolumeSnapshotClass";
  readonly driver: string;
  readonly deletionPolicy: "Delete" | "Retain";
  readonly parameters?: Readonly<Record<string, string>>;
}

function snapshotClass(name: string, driver: string, secret: string, isDefault: boolean): VolumeSnapshotClass {
  return {
    apiVersion: "snapshot.storage.k8s.io/v1",
    kind: "VolumeSnapshotClass",
    metadata: { name, ...(isDefault ? { annotations: { [defaultSnapshotClassAnnotation]: "true" } } : {}) },
    driver,
    deletionPolicy: "Delete",
    parameters: {
      clusterID: rookNamespace,
      "csi.storage.k8s.io/snapshotter-secret-name": secret,
      "csi.storage.k8s.io/snapshotter-secret-namespace": rookNamespace,
    },
  };
}

/**
 * Snapshot classes for RBD and CephFS volumes. Defaults are per driver, so each may be the
 * default for its own volumes (backup tools pick the class by the PVC's driver).
 */
export function snapshotClasses(): VolumeSnapshotClass[] {
  return [
    snapshotClass(snapshotClassNames.block, csiDrivers.rbd, csiSecrets.rbdProvisioner, true),
    snapshotClass(snapshotClassNames.filesystem, csiDrivers.cephfs, csiSecrets.cephfsProvisioner, true),
  ];
}
