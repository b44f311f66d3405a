import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Reloader's metrics (stakater/Reloader internal/pkg/metrics/prometheus.go):
// `reloader_reload_executed_total{success}` counts rollouts it triggered.

/** Reloader: rollouts it fails to trigger (workloads keep running with old secrets or config). */
export function reloaderMonitoring(namespace = "kube-system"): ComponentMonitoring {
  const targets = `namespace="${namespace}", job=~".*reloader.*"`;
  return componentMonitoring({
    component: "reloader",
    namespace,
    targets,
    groups: [
      {
        name: "reloader",
        rules: [
          {
            alert: "ReloaderReloadsFailing",
            expr: `sum by (cluster) (increase(reloader_reload_executed_total{${targets}, success="false"}[30m])) > 0`,
            for: "5m",
            labels: { severity: "warning" },
            annotations: { summary: "Reloader on {{ $labels.cluster }} failed {{ $value }} rollouts in 30 minutes: workloads keep old secrets or config" },
          },
        ],
      },
    ],
    panels: [
      { title: "Reloads per hour by outcome", expr: `sum by (cluster, success) (increase(reloader_reload_executed_total{${targets}, cluster=~"$cluster"}[1h]))`, legend: "{{cluster}} success={{success}}" },
    ],
  });
}
