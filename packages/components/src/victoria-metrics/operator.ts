import { defineComponent, merge, type ClusterContext, type Component, type DeepPartial } from "@k8s-gitops/core";
import { observabilityNamespace, operatorChart } from "./charts.js";
import { defaultOperatorValues, type OperatorValues } from "./values.js";

export type VictoriaMetricsOperatorStage = "app";

export interface VictoriaMetricsOperatorProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<OperatorValues>;
}

/**
 * The VictoriaMetrics operator, on every cluster: it runs the VMAgent everywhere and the storage
 * and alerting on infra, and converts every chart's ServiceMonitors, PodMonitors and
 * PrometheusRules into its own kinds.
 */
export function victoriaMetricsOperator(_context: ClusterContext, props: VictoriaMetricsOperatorProps = {}): Component<VictoriaMetricsOperatorStage> {
  const values = merge(defaultOperatorValues, props.values);
  const name = "victoria-metrics-operator";
  return defineComponent({
    name,
    namespace: observabilityNamespace,
    area: "infrastructure",
    category: "observability",
    stages: [{ name: "app", releases: [{ name, chart: operatorChart, values }], resources: [] }],
  });
}
