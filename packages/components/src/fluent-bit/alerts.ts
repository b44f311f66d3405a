import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Fluent Bit's /api/v1/metrics/prometheus (fluent/fluent-bit src/flb_metrics.c, documented in
// "Monitoring" of docs.fluentbit.io): per plugin instance `name`, `fluentbit_input_records_total`,
// `fluentbit_output_proc_records_total`, `fluentbit_output_errors_total`,
// `fluentbit_output_retries_failed_total`, `fluentbit_output_dropped_records_total`.

/** Fluent Bit: logs lost (retries exhausted, records dropped) and outputs failing. */
export function fluentBitMonitoring(namespace = "observability"): ComponentMonitoring {
  return componentMonitoring({
    component: "fluent-bit",
    namespace,
    targets: `namespace="${namespace}", job=~".*fluent-bit.*"`,
    groups: [
      {
        name: "fluent-bit",
        rules: [
          {
            alert: "FluentBitRecordsLost",
            expr: "sum by (cluster, pod, name) (increase(fluentbit_output_retries_failed_total[15m]) + increase(fluentbit_output_dropped_records_total[15m])) > 0",
            for: "5m",
            labels: { severity: "warning" },
            annotations: { summary: "Fluent Bit {{ $labels.pod }} on {{ $labels.cluster }}: output {{ $labels.name }} gave up on {{ $value }} chunks/records in 15 minutes (logs lost)" },
          },
          {
            alert: "FluentBitOutputErrors",
            expr: "sum by (cluster, pod, name) (rate(fluentbit_output_errors_total[5m])) > 0",
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "Fluent Bit {{ $labels.pod }} on {{ $labels.cluster }}: output {{ $labels.name }} keeps failing (VictoriaLogs unreachable?)" },
          },
        ],
      },
    ],
    panels: [
      { title: "Input records per second", expr: 'sum by (cluster, name) (rate(fluentbit_input_records_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} {{name}}" },
      { title: "Output records per second", expr: 'sum by (cluster, name) (rate(fluentbit_output_proc_records_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} {{name}}" },
      { title: "Output errors per second", expr: 'sum by (cluster, name) (rate(fluentbit_output_errors_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} {{name}}" },
      { title: "Records dropped per second", expr: 'sum by (cluster, name) (rate(fluentbit_output_dropped_records_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} {{name}}" },
    ],
  });
}
