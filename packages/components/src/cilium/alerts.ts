import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// Cilium agent metrics (cilium/cilium Documentation/observability/metrics.rst, pkg/metrics/metrics.go):
// `cilium_unreachable_nodes` (health probes), `cilium_endpoint_state{endpoint_state}`,
// `cilium_bpf_map_pressure{map_name}` (fill ratio 0..1), `cilium_drop_count_total{reason, direction}`,
// `cilium_errors_warnings_total{level}`.
const agent = (namespace: string) => `namespace="${namespace}", job=~"cilium.*|hubble.*"`;

/** Cilium: nodes unreachable, endpoints stuck invalid, BPF maps filling up, packets dropped, agent errors. */
export function ciliumMonitoring(namespace = "kube-system"): ComponentMonitoring {
  return componentMonitoring({
    component: "cilium",
    namespace,
    // kube-system holds other components' targets: the agent, operator and Hubble Services are cilium-*/hubble-*.
    targets: agent(namespace),
    groups: [
      {
        name: "cilium",
        rules: [
          {
            alert: "CiliumNodesUnreachable",
            expr: "max by (cluster, pod) (cilium_unreachable_nodes) > 0",
            for: "15m",
            labels: { severity: "critical" },
            annotations: { summary: "Cilium agent {{ $labels.pod }} on {{ $labels.cluster }} cannot reach {{ $value }} nodes" },
          },
          {
            alert: "CiliumEndpointsInvalid",
            expr: 'sum by (cluster, pod) (cilium_endpoint_state{endpoint_state="invalid"}) > 0',
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "Cilium agent {{ $labels.pod }} on {{ $labels.cluster }} has {{ $value }} endpoints in the invalid state" },
          },
          {
            alert: "CiliumBpfMapPressure",
            expr: "max by (cluster, pod, map_name) (cilium_bpf_map_pressure) > 0.9",
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "BPF map {{ $labels.map_name }} of {{ $labels.pod }} on {{ $labels.cluster }} is {{ $value | humanizePercentage }} full" },
          },
          {
            alert: "CiliumAgentErrors",
            expr: 'sum by (cluster, pod) (increase(cilium_errors_warnings_total{level="error"}[15m])) > 10',
            for: "15m",
            labels: { severity: "info" },
            annotations: { summary: "Cilium agent {{ $labels.pod }} on {{ $labels.cluster }} logged {{ $value }} errors in 15 minutes" },
          },
        ],
      },
    ],
    panels: [
      { title: "Unreachable nodes", expr: 'max by (cluster, pod) (cilium_unreachable_nodes{cluster=~"$cluster"})', legend: "{{cluster}} {{pod}}" },
      { title: "Endpoints by state", expr: 'sum by (cluster, endpoint_state) (cilium_endpoint_state{cluster=~"$cluster"})', legend: "{{cluster}} {{endpoint_state}}" },
      { title: "Drops per second by reason", expr: 'sum by (cluster, reason) (rate(cilium_drop_count_total{cluster=~"$cluster"}[5m]))', unit: "pps", legend: "{{cluster}} {{reason}}" },
      { title: "BPF map pressure", expr: 'max by (cluster, map_name) (cilium_bpf_map_pressure{cluster=~"$cluster"})', unit: "percentunit", legend: "{{cluster}} {{map_name}}" },
    ],
  });
}
