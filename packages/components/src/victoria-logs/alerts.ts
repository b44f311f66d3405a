import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// VictoriaLogs' own metrics (VictoriaMetrics/VictoriaLogs app/vlstorage/main.go, shown by vmui's
// StorageCard): `vl_free_disk_space_bytes{path}`, `vl_total_disk_space_bytes{path}`,
// `vl_storage_is_read_only{path}`, `vl_rows_ingested_total{type}`.

/** VictoriaLogs: running out of disk, storage switched to read-only (logs are refused). */
export function victoriaLogsMonitoring(namespace = "observability"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~".*victoria-logs.*"`;
  return componentMonitoring({
    component: "victoria-logs",
    namespace,
    targets,
    title: "VictoriaLogs",
    groups: [
      {
        name: "victoria-logs",
        rules: [
          {
            alert: "VictoriaLogsDiskRunsFull",
            expr: `min by (cluster, pod) (vl_free_disk_space_bytes{${targets}} / vl_total_disk_space_bytes{${targets}}) < 0.1`,
            for: "30m",
            labels: { severity: "warning" },
            annotations: { summary: "VictoriaLogs {{ $labels.pod }} on {{ $labels.cluster }} has {{ $value | humanizePercentage }} of its volume free" },
          },
          {
            alert: "VictoriaLogsReadOnly",
            expr: `max by (cluster, pod) (vl_storage_is_read_only{${targets}}) == 1`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: "VictoriaLogs {{ $labels.pod }} on {{ $labels.cluster }} is read-only: new logs are refused" },
          },
        ],
      },
    ],
    panels: [
      { title: "Rows ingested per second", expr: `sum by (cluster, type) (rate(vl_rows_ingested_total{${targets}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{type}}" },
      { title: "Free disk space", expr: `min by (cluster, pod) (vl_free_disk_space_bytes{${targets}, cluster=~"$cluster"})`, unit: "bytes", legend: "{{cluster}} {{pod}}" },
    ],
  });
}
