import {
  chartComponent,
  type ClusterContext,
  type Component,
  type DeepPartial,
  merge,
  ociChart,
} from "@k8s-gitops/core";
import { defaultValues, type ReloaderValues } from "./values.js";

export { reloadAnnotation } from "./values.js";
export type { ReloaderValues } from "./values.js";

/** One pin, one place. */
export const chart = ociChart("oci://ghcr.io/stakater/charts/reloader", "2.2.16");

export type ReloaderStage = "app";

export interface ReloaderProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<ReloaderValues>;
}

/**
 * Reloader: rolls a workload annotated with {@link reloadAnnotation} when a ConfigMap or Secret
 * it mounts changes (e.g. a rotated ExternalSecret or the 1Password Connect bootstrap Secret).
 */
export function reloader(_context: ClusterContext, props: ReloaderProps = {}): Component<ReloaderStage> {
  const values = merge(defaultValues, props.values);
  return chartComponent({ name: "reloader", namespace: "kube-system", area: "infrastructure", category: "system", chart, values });
}
export { reloaderMonitoring } from "./alerts.js";
export * from "./flows.js";
