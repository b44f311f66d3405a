import {
  chartComponent,
  type ClusterContext,
  type Component,
  type DeepPartial,
  merge,
  ociChart,
} from "@k8s-gitops/core";
import { defaultValues, type SnapshotControllerValues } from "./values.js";

export type { SnapshotControllerValues } from "./values.js";

/** One pin, one place. Piraeus publishes the chart; it ships the snapshot.storage.k8s.io CRDs. */
export const chart = ociChart("oci://ghcr.io/piraeusdatastore/helm-charts/snapshot-controller", "5.2.0");

export type SnapshotControllerStage = "app";

export interface SnapshotControllerProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<SnapshotControllerValues>;
}

/**
 * The CSI snapshot controller and the VolumeSnapshot CRDs, the one owner of those CRDs in the
 * cluster (OpenEBS and csi-driver-nfs have theirs switched off). Snapshot classes of CSI drivers
 * depend on this component.
 */
export function snapshotController(_context: ClusterContext, props: SnapshotControllerProps = {}): Component<SnapshotControllerStage> {
  const values = merge(defaultValues, props.values);
  return chartComponent({ name: "snapshot-controller", namespace: "kube-system", area: "infrastructure", category: "storage", chart, values });
}
export { snapshotControllerMonitoring } from "./alerts.js";
export * from "./flows.js";
