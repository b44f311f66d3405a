import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Spegel's metrics (spegel-org/spegel docs, pkg/metrics/metrics.go): `spegel_advertised_images{registry}`,
// `spegel_mirror_requests_total{registry, cache=hit|miss, source}`, `spegel_resolve_duration_seconds`.

/** Spegel: a node advertising no image to its peers (its P2P mirror is not working). */
export function spegelMonitoring(namespace = "kube-system"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~".*spegel.*"`;
  return componentMonitoring({
    component: "spegel",
    namespace,
    targets,
    groups: [
      {
        name: "spegel",
        rules: [
          {
            // Every node runs pods, so its containerd holds images: none advertised means Spegel
            // cannot read containerd or publish to the DHT. Pulls fall back to the registries.
            alert: "SpegelAdvertisesNothing",
            expr: `sum by (cluster, pod) (spegel_advertised_images{${targets}}) == 0`,
            for: "30m",
            labels: { severity: "info" },
            annotations: { summary: "Spegel {{ $labels.pod }} on {{ $labels.cluster }} advertises no image: pulls on its node skip the peer mirror" },
          },
        ],
      },
    ],
    panels: [
      { title: "Mirror requests per second (hit/miss)", expr: `sum by (cluster, cache) (rate(spegel_mirror_requests_total{${targets}, cluster=~"$cluster"}[5m]))`, unit: "reqps", legend: "{{cluster}} {{cache}}" },
      { title: "Advertised images per node", expr: `sum by (cluster, pod) (spegel_advertised_images{${targets}, cluster=~"$cluster"})`, legend: "{{cluster}} {{pod}}" },
      {
        title: "99th percentile resolve time",
        expr: `histogram_quantile(0.99, sum by (cluster, le) (rate(spegel_resolve_duration_seconds_bucket{${targets}, cluster=~"$cluster"}[5m])))`,
        unit: "s",
      },
    ],
  });
}
