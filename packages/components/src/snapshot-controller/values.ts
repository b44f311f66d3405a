/** The snapshot-controller chart values this project sets; the chart accepts more. */
export interface SnapshotControllerValues {
  controller: { replicaCount: number; serviceMonitor: { create: boolean } };
  webhook: { enabled: boolean };
  [key: string]: unknown;
}

export const defaultValues: SnapshotControllerValues = {
  // Leader election keeps one active; the second takes over without a cold start.
  controller: { replicaCount: 2, serviceMonitor: { create: true } },
  // The webhook only converts VolumeGroupSnapshot objects between beta versions and needs its own
  // TLS; nothing here takes group snapshots.
  webhook: { enabled: false },
};
