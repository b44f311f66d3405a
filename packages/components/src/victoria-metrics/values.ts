import type { ChartValues } from "../charts/index.js";
/** The values of the pinned victoria-metrics-operator chart, generated from its archive (values.yaml, schema, templates). */
export type OperatorValues = ChartValues["victoria-metrics-operator"];

export const defaultOperatorValues: OperatorValues = {
  // Plain CRDs in the chart's crds/ folder, which Flux creates and replaces on upgrade; the same
  // CRDs come earlier from the separate CRD chart in bootstrap phase 0.
  crds: { plain: true, cleanup: { enabled: false } },
  operator: {
    // Every chart here ships ServiceMonitors/PodMonitors/PrometheusRules; the operator turns them
    // into VMServiceScrape/VMPodScrape/VMRule, so no chart needs VictoriaMetrics-specific values.
    disable_prometheus_converter: false,
    // Deleting (pruning) the prometheus-operator object deletes the converted one too.
    enable_converter_ownership: true,
  },
  serviceMonitor: { enabled: true },
  resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
};

/** The values of the pinned prometheus-node-exporter chart, generated from its archive (values.yaml, schema, templates). */
export type NodeExporterValues = ChartValues["prometheus-node-exporter"];

export const defaultNodeExporterValues: NodeExporterValues = {
  // The job label (and the NodeExporterDown rule) is the Service name.
  fullnameOverride: "node-exporter",
  prometheus: {
    monitor: {
      enabled: true,
      // Dashboards and rules name nodes, not pod IPs.
      relabelings: [{ action: "replace", sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "node" }],
    },
  },
  // Every node, control planes included, whatever their taints.
  tolerations: [{ operator: "Exists" }],
  resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
};

/** The values of the pinned kube-state-metrics chart, generated from its archive (values.yaml, schema, templates). */
export type KubeStateMetricsValues = ChartValues["kube-state-metrics"];

export const defaultKubeStateMetricsValues: KubeStateMetricsValues = {
  fullnameOverride: "kube-state-metrics",
  // Its metrics carry the namespace/pod of the object they describe, not of kube-state-metrics.
  prometheus: { monitor: { enabled: true, honorLabels: true } },
  metricLabelsAllowlist: ["pods=[app.kubernetes.io/name,app.kubernetes.io/instance]", "nodes=[topology.kubernetes.io/zone]"],
  resources: { requests: { cpu: "10m", memory: "64Mi" }, limits: { memory: "256Mi" } },
};
