import { dragonflyGroup, dragonflyPanels } from "../dragonfly/alerts.js";
import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// gitlab-exporter's Sidekiq probe (gitlab-org/ruby/gems/gitlab-exporter, lib/gitlab_exporter/sidekiq.rb):
// `sidekiq_queue_size` and `sidekiq_queue_latency_seconds` per queue.

/** GitLab: a scrape target down, Sidekiq queues backing up, and its Dragonfly cache. */
export function gitlabMonitoring(namespace = "gitlab"): ComponentMonitoring {
  return componentMonitoring({
    component: "gitlab",
    namespace,
    groups: [
      {
        name: "gitlab",
        rules: [
          {
            alert: "GitlabSidekiqQueueLatencyHigh",
            expr: "max by (cluster, name) (sidekiq_queue_latency_seconds) > 300",
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "GitLab on {{ $labels.cluster }}: Sidekiq queue {{ $labels.name }} has waited {{ $value | humanizeDuration }}" },
          },
        ],
      },
      dragonflyGroup(namespace),
    ],
    panels: [
      { title: "Sidekiq queue size", expr: 'sum by (cluster, name) (sidekiq_queue_size{cluster=~"$cluster"})', legend: "{{cluster}} {{name}}" },
      { title: "Sidekiq queue latency", expr: 'max by (cluster, name) (sidekiq_queue_latency_seconds{cluster=~"$cluster"})', unit: "s", legend: "{{cluster}} {{name}}" },
      ...dragonflyPanels(namespace),
    ],
  });
}
