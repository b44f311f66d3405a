import {
  chartComponent,
  type ClusterContext,
  type Component,
  type DeepPartial,
  merge,
  ociChart,
} from "@k8s-gitops/core";
import { defaultValues, type SpegelValues } from "./values.js";

export { registryHostPort, talosContainerd } from "./values.js";
export type { SpegelValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://ghcr.io/spegel-org/helm-charts/spegel", "0.7.4");

export type SpegelStage = "app";

export interface SpegelProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<SpegelValues>;
}

/**
 * Spegel: a peer-to-peer image mirror on every node, so an image pulled once is served from the
 * LAN to the other nodes. Optional: a cluster definition includes it or not.
 */
export function spegel(_context: ClusterContext, props: SpegelProps = {}): Component<SpegelStage> {
  const values = merge(defaultValues, props.values);
  return chartComponent({ name: "spegel", namespace: "kube-system", area: "infrastructure", category: "system", chart, values });
}
export { spegelMonitoring } from "./alerts.js";
export * from "./flows.js";
