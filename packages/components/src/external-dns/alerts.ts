import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// external-dns' metrics (kubernetes-sigs/external-dns v0.22.0 controller/metrics.go, namespace
// `external_dns`): `controller_last_sync_timestamp_seconds` (last successful sync with the
// provider), `registry_errors_total` (provider/registry calls that failed), `source_errors_total`
// (reading routes failed), `source_endpoints_total` and `registry_endpoints_total`.

/** external-dns: records no longer synced, the provider refusing calls, routes unreadable. */
export function externalDnsMonitoring(namespace = "external-dns"): ComponentMonitoring {
  const targets = `namespace="${namespace}"`;
  return componentMonitoring({
    component: "external-dns",
    namespace,
    title: "external-dns",
    groups: [
      {
        name: "external-dns",
        rules: [
          {
            // Events trigger syncs and the interval is 1h: two hours without a success means new names are not published.
            alert: "ExternalDnsSyncStale",
            expr: `time() - max by (cluster) (external_dns_controller_last_sync_timestamp_seconds{${targets}}) > 7200`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "external-dns on {{ $labels.cluster }} has not synced the zone for {{ $value | humanizeDuration }}: new hostnames are not published" },
          },
          {
            alert: "ExternalDnsProviderErrors",
            expr: `sum by (cluster) (increase(external_dns_registry_errors_total{${targets}}[30m])) > 0`,
            for: "30m",
            labels: { severity: "warning" },
            annotations: { summary: "external-dns on {{ $labels.cluster }}: calls to the DNS provider fail ({{ $value }} in 30 minutes); check the API token" },
          },
          {
            alert: "ExternalDnsSourceErrors",
            expr: `sum by (cluster) (increase(external_dns_source_errors_total{${targets}}[30m])) > 0`,
            for: "30m",
            labels: { severity: "warning" },
            annotations: { summary: "external-dns on {{ $labels.cluster }} cannot read the Gateway routes ({{ $value }} errors in 30 minutes)" },
          },
        ],
      },
    ],
    panels: [
      { title: "Seconds since the last sync", expr: `time() - max by (cluster) (external_dns_controller_last_sync_timestamp_seconds{${targets}, cluster=~"$cluster"})`, unit: "s" },
      { title: "Endpoints: routes vs zone", expr: `max by (cluster, __name__) ({__name__=~"external_dns_(source|registry)_endpoints_total", ${targets}, cluster=~"$cluster"})`, legend: "{{cluster}} {{__name__}}" },
      { title: "Errors per hour", expr: `sum by (cluster, __name__) (increase({__name__=~"external_dns_(source|registry)_errors_total", ${targets}, cluster=~"$cluster"}[1h]))`, legend: "{{cluster}} {{__name__}}" },
    ],
  });
}
