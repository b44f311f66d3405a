import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// metrics-server's own metrics (kubernetes-sigs/metrics-server pkg/scraper/scraper.go,
// pkg/server/metrics.go): `metrics_server_kubelet_request_total{success}`,
// `metrics_server_kubelet_request_duration_seconds`, `metrics_server_manager_tick_duration_seconds`,
// `metrics_server_storage_points`.

/** metrics-server: kubelets it cannot scrape (HPA and `kubectl top` go stale), collection slower than its period. */
export function metricsServerMonitoring(namespace = "kube-system"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~".*metrics-server.*"`;
  return componentMonitoring({
    component: "metrics-server",
    namespace,
    targets,
    groups: [
      {
        name: "metrics-server",
        rules: [
          {
            alert: "MetricsServerKubeletScrapesFailing",
            expr: 'sum by (cluster) (rate(metrics_server_kubelet_request_total{success="false"}[10m])) / sum by (cluster) (rate(metrics_server_kubelet_request_total[10m])) > 0.1',
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "metrics-server on {{ $labels.cluster }} fails {{ $value | humanizePercentage }} of its kubelet scrapes: autoscaling sees stale numbers" },
          },
          {
            // The chart's --metric-resolution is 15s: a collection cycle longer than that loses points.
            alert: "MetricsServerCollectionSlow",
            expr: "histogram_quantile(0.9, sum by (cluster, le) (rate(metrics_server_manager_tick_duration_seconds_bucket[15m]))) > 15",
            for: "30m",
            labels: { severity: "info" },
            annotations: { summary: "metrics-server on {{ $labels.cluster }} needs {{ $value | humanizeDuration }} per collection cycle" },
          },
        ],
      },
    ],
    panels: [
      { title: "Kubelet scrapes per second", expr: 'sum by (cluster, success) (rate(metrics_server_kubelet_request_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} success={{success}}" },
      { title: "90th percentile collection cycle", expr: 'histogram_quantile(0.9, sum by (cluster, le) (rate(metrics_server_manager_tick_duration_seconds_bucket{cluster=~"$cluster"}[5m])))', unit: "s" },
      { title: "Points stored", expr: 'sum by (cluster) (metrics_server_storage_points{cluster=~"$cluster"})' },
    ],
  });
}
