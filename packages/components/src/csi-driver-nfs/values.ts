/** The csi-driver-nfs chart values this project sets; the chart accepts more. */
export interface CsiDriverNfsValues {
  controller: { replicas: number };
  externalSnapshotter: { enabled: boolean; customResourceDefinitions: { enabled: boolean } };
  storageClass: { create: boolean };
  [key: string]: unknown;
}

export const defaultValues: CsiDriverNfsValues = {
  controller: { replicas: 2 },
  // snapshot-controller runs the controller and owns the VolumeSnapshot CRDs.
  externalSnapshotter: { enabled: false, customResourceDefinitions: { enabled: false } },
  // One StorageClass per inventory export is written by the component instead.
  storageClass: { create: false },
};
