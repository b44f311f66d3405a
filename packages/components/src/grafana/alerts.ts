import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Grafana's HTTP server metrics (grafana/grafana pkg/middleware/request_metrics.go):
// `grafana_http_request_duration_seconds{handler, method, status_code}` histogram.
const selector = (namespace: string) => `namespace="${namespace}", job=~".*grafana.*"`;

/** Grafana: failing and slow HTTP requests. */
export function grafanaMonitoring(namespace = "observability"): ComponentMonitoring {
  const targets = selector(namespace);
  return componentMonitoring({
    component: "grafana",
    namespace,
    targets,
    groups: [
      {
        name: "grafana",
        rules: [
          {
            alert: "GrafanaServerErrors",
            expr: `sum by (cluster) (rate(grafana_http_request_duration_seconds_count{${targets}, status_code=~"5.."}[5m])) / sum by (cluster) (rate(grafana_http_request_duration_seconds_count{${targets}}[5m])) > 0.05`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "Grafana on {{ $labels.cluster }} answers {{ $value | humanizePercentage }} of requests with a server error" },
          },
        ],
      },
    ],
    panels: [
      { title: "Requests per second by status", expr: `sum by (cluster, status_code) (rate(grafana_http_request_duration_seconds_count{${targets}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{status_code}}" },
      {
        title: "99th percentile request time",
        expr: `histogram_quantile(0.99, sum by (cluster, le) (rate(grafana_http_request_duration_seconds_bucket{${targets}, cluster=~"$cluster"}[5m])))`,
        unit: "s",
      },
    ],
  });
}
