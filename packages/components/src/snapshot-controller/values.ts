import type { ChartValues } from "../charts/index.js";
/** The values of the pinned snapshot-controller chart, generated from its archive (values.yaml, schema, templates). */
export type SnapshotControllerValues = ChartValues["snapshot-controller"];

export const defaultValues: SnapshotControllerValues = {
  // Leader election keeps one active; the second takes over without a cold start.
  // The chart's `pdb` is the PodDisruptionBudget spec (without selector): a drain keeps one.
  controller: { replicaCount: 2, serviceMonitor: { create: true }, pdb: { maxUnavailable: 1 } },
  // The webhook only converts VolumeGroupSnapshot objects between beta versions and needs its own
  // TLS; nothing here takes group snapshots.
  webhook: { enabled: false },
};
