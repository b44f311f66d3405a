import type { ChartValues } from "../charts/index.js";
/** The values of the pinned csi-driver-nfs chart, generated from its archive (values.yaml, schema, templates). */
export type CsiDriverNfsValues = ChartValues["csi-driver-nfs"];

export const defaultValues: CsiDriverNfsValues = {
  controller: { replicas: 2 },
  // snapshot-controller runs the controller and owns the VolumeSnapshot CRDs.
  externalSnapshotter: { enabled: false, customResourceDefinitions: { enabled: false } },
  // One StorageClass per inventory export is written by the component instead.
  storageClass: { create: false },
};
