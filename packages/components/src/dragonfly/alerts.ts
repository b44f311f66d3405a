import type { Panel } from "../victoria-metrics/monitoring.js";
import type { RuleGroup } from "../victoria-metrics/rules/rule.js";

// Dragonfly's own metrics on its admin port (dragonflydb/dragonfly src/server/server_family.cc,
// PrintPrometheusMetrics): memory used and maxmemory, connected clients, evictions.

/** Alerts of the Dragonfly instances of a namespace (a component's cache): memory near maxmemory, evictions. */
export function dragonflyGroup(namespace: string): RuleGroup {
  const where = `namespace="${namespace}"`;
  return {
    name: `dragonfly-${namespace}`,
    rules: [
      {
        alert: "DragonflyMemoryNearLimit",
        expr: `max by (cluster, namespace, pod) (dragonfly_memory_used_bytes{${where}} / dragonfly_memory_max_bytes{${where}}) > 0.9`,
        for: "15m",
        labels: { severity: "warning" },
        annotations: { summary: "Dragonfly {{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} uses {{ $value | humanizePercentage }} of its maxmemory" },
      },
      {
        alert: "DragonflyEvicting",
        expr: `sum by (cluster, namespace) (rate(dragonfly_evicted_keys_total{${where}}[10m])) > 0`,
        for: "30m",
        labels: { severity: "info" },
        annotations: { summary: "Dragonfly in {{ $labels.namespace }} on {{ $labels.cluster }} evicts keys: the cache is too small" },
      },
    ],
  };
}

/** Dashboard panels of the Dragonfly instances of a namespace. */
export function dragonflyPanels(namespace: string): Panel[] {
  const where = `namespace="${namespace}", cluster=~"$cluster"`;
  return [
    { title: "Dragonfly memory used", expr: `sum by (cluster, pod) (dragonfly_memory_used_bytes{${where}})`, unit: "bytes", legend: "{{cluster}} {{pod}}" },
    { title: "Dragonfly connected clients", expr: `sum by (cluster, pod) (dragonfly_connected_clients{${where}})`, legend: "{{cluster}} {{pod}}" },
  ];
}
