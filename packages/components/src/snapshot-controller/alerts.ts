import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// The snapshot controller's operation histogram (kubernetes-csi/external-snapshotter
// pkg/metrics/metrics.go): `snapshot_controller_operation_total_seconds{driver_name, operation_name,
// operation_status}`. The status value's case differs between releases (the unit tests record
// `Success`, the e2e tests query `success`), hence the case-insensitive match.

/** snapshot-controller: snapshot operations failing (no volume snapshots, so no Velero/CSI backups). */
export function snapshotControllerMonitoring(namespace = "kube-system"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~".*snapshot-controller.*"`;
  const operations = `snapshot_controller_operation_total_seconds_count{${targets}`;
  return componentMonitoring({
    component: "snapshot-controller",
    namespace,
    targets,
    groups: [
      {
        name: "snapshot-controller",
        rules: [
          {
            alert: "SnapshotOperationsFailing",
            expr: `sum by (cluster, driver_name, operation_name) (increase(${operations}, operation_status!~"(?i)success"}[1h])) > 0`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "{{ $labels.operation_name }} of {{ $labels.driver_name }} snapshots failed {{ $value }} times in the last hour on {{ $labels.cluster }}" },
          },
        ],
      },
    ],
    panels: [
      { title: "Operations per hour by status", expr: `sum by (cluster, operation_name, operation_status) (increase(${operations}, cluster=~"$cluster"}[1h]))`, legend: "{{cluster}} {{operation_name}} {{operation_status}}" },
      {
        title: "90th percentile operation time",
        expr: `histogram_quantile(0.9, sum by (cluster, operation_name, le) (rate(snapshot_controller_operation_total_seconds_bucket{${targets}, cluster=~"$cluster"}[1h])))`,
        unit: "s",
        legend: "{{cluster}} {{operation_name}}",
      },
    ],
  });
}
