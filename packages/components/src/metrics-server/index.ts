import {
  chartComponent,
  type ClusterContext,
  type Component,
  type DeepPartial,
  merge,
  repositoryChart,
} from "@k8s-gitops/core";
import { defaultValues, type MetricsServerValues } from "./values.js";

export { kubeletInsecureTls } from "./values.js";
export type { MetricsServerValues } from "./values.js";

/** One pin, one place. The upstream Helm repository (the chart is not published as OCI upstream). */
export const chart = repositoryChart("metrics-server", "https://kubernetes-sigs.github.io/metrics-server/", "metrics-server", "3.13.1");

export type MetricsServerStage = "app";

export interface MetricsServerProps {
  /** Deep-merged over the defaults: objects merge, arrays replace (e.g. `args`), null deletes. */
  readonly values?: DeepPartial<MetricsServerValues>;
}

/** metrics-server: the `metrics.k8s.io` API behind `kubectl top` and HorizontalPodAutoscalers. */
export function metricsServer(_context: ClusterContext, props: MetricsServerProps = {}): Component<MetricsServerStage> {
  const values = merge(defaultValues, props.values);
  return chartComponent({ name: "metrics-server", namespace: "kube-system", area: "infrastructure", category: "observability", chart, values });
}
export { metricsServerMonitoring } from "./alerts.js";
export * from "./flows.js";
