import { dragonflyGroup, dragonflyPanels } from "../dragonfly/alerts.js";
import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Harbor's exporter (goharbor/harbor src/pkg/exporter): `harbor_up{component}` per part,
// `harbor_task_queue_size{type}` / `harbor_task_queue_latency{type}` of the job service queues,
// `harbor_project_quota_usage_byte` and `harbor_project_quota_byte` (-1 when unlimited) per project.

/** Harbor: a part down, job queues backing up, projects at their quota, and its Dragonfly cache. */
export function harborMonitoring(namespace = "harbor"): ComponentMonitoring {
  return componentMonitoring({
    component: "harbor",
    namespace,
    groups: [
      {
        name: "harbor",
        rules: [
          {
            alert: "HarborComponentDown",
            expr: "max by (cluster, component) (harbor_up) == 0",
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: "Harbor's {{ $labels.component }} on {{ $labels.cluster }} is down" },
          },
          {
            alert: "HarborJobQueueBacklog",
            expr: "max by (cluster, type) (harbor_task_queue_latency) > 3600",
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "Harbor on {{ $labels.cluster }}: the oldest {{ $labels.type }} job has waited {{ $value | humanizeDuration }}" },
          },
          {
            alert: "HarborProjectQuotaNearlyFull",
            expr: "max by (cluster, project_name) (harbor_project_quota_usage_byte / (harbor_project_quota_byte > 0)) > 0.9",
            for: "1h",
            labels: { severity: "warning" },
            annotations: { summary: "Harbor project {{ $labels.project_name }} on {{ $labels.cluster }} uses {{ $value | humanizePercentage }} of its quota" },
          },
        ],
      },
      dragonflyGroup(namespace),
    ],
    panels: [
      { title: "Parts up", expr: 'min by (cluster, component) (harbor_up{cluster=~"$cluster"})', legend: "{{cluster}} {{component}}" },
      { title: "Job queue size", expr: 'sum by (cluster, type) (harbor_task_queue_size{cluster=~"$cluster"})', legend: "{{cluster}} {{type}}" },
      { title: "Job queue latency", expr: 'max by (cluster, type) (harbor_task_queue_latency{cluster=~"$cluster"})', unit: "s", legend: "{{cluster}} {{type}}" },
      { title: "Project storage used", expr: 'sum by (cluster, project_name) (harbor_project_quota_usage_byte{cluster=~"$cluster"})', unit: "bytes", legend: "{{cluster}} {{project_name}}" },
      ...dragonflyPanels(namespace),
    ],
  });
}
