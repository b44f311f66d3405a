import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// CoreDNS's own metrics (coredns/coredns plugin/metrics, plugin/forward metrics.go):
// responses by rcode, request duration histogram, forward health checks, panics.

/** CoreDNS: failing answers, slow answers, unreachable upstreams, panics. */
export function corednsMonitoring(namespace = "kube-system"): ComponentMonitoring {
  return componentMonitoring({
    component: "coredns",
    namespace,
    // kube-system holds other components' targets too; the chart's metrics Service is coredns-metrics.
    targets: `namespace="${namespace}", job=~"coredns.*"`,
    groups: [
      {
        name: "coredns",
        rules: [
          {
            alert: "CoreDNSServfailRatioHigh",
            expr: 'sum by (cluster) (rate(coredns_dns_responses_total{rcode="SERVFAIL"}[5m])) / sum by (cluster) (rate(coredns_dns_responses_total[5m])) > 0.05',
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: "CoreDNS on {{ $labels.cluster }} answers {{ $value | humanizePercentage }} of queries with SERVFAIL" },
          },
          {
            alert: "CoreDNSLatencyHigh",
            expr: "histogram_quantile(0.99, sum by (cluster, le) (rate(coredns_dns_request_duration_seconds_bucket[5m]))) > 0.5",
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: "CoreDNS on {{ $labels.cluster }}: 99th percentile answer time is {{ $value | humanizeDuration }}" },
          },
          {
            alert: "CoreDNSForwardUnhealthy",
            expr: "sum by (cluster) (rate(coredns_forward_healthcheck_broken_total[5m])) > 0",
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: "CoreDNS on {{ $labels.cluster }}: every upstream resolver fails its health check, names outside the cluster do not resolve" },
          },
          {
            alert: "CoreDNSPanics",
            expr: "sum by (cluster) (increase(coredns_panics_total[15m])) > 0",
            labels: { severity: "warning" },
            annotations: { summary: "CoreDNS on {{ $labels.cluster }} panicked {{ $value }} times in 15 minutes" },
          },
        ],
      },
    ],
    panels: [
      { title: "Queries per second", expr: 'sum by (cluster) (rate(coredns_dns_requests_total{cluster=~"$cluster"}[5m]))', unit: "reqps" },
      { title: "Responses by rcode", expr: 'sum by (cluster, rcode) (rate(coredns_dns_responses_total{cluster=~"$cluster"}[5m]))', unit: "reqps", legend: "{{cluster}} {{rcode}}" },
      { title: "99th percentile answer time", expr: 'histogram_quantile(0.99, sum by (cluster, le) (rate(coredns_dns_request_duration_seconds_bucket{cluster=~"$cluster"}[5m])))', unit: "s" },
      { title: "Cache hits per second", expr: 'sum by (cluster) (rate(coredns_cache_hits_total{cluster=~"$cluster"}[5m]))', unit: "reqps" },
    ],
  });
}
