import type { ChartValues } from "../charts/index.js";
/** The values of the pinned metrics-server chart, generated from its archive (values.yaml, schema, templates). */
export type MetricsServerValues = ChartValues["metrics-server"];

/**
 * Why `--kubelet-insecure-tls` rather than rotate-server-certificates + a CSR approver: Talos'
 * kubelets serve self-signed certificates unless `rotate-server-certificates` is on, and with it
 * on, every kubelet has no serving certificate until an approver (another controller, which needs
 * the CNI and DNS first) signs its CSR, so `kubectl logs/exec` break during bootstrap. The flag
 * only skips verifying the kubelet's identity; metrics-server still authenticates to the kubelet
 * with its ServiceAccount, and the traffic stays on the node subnet. Switch by overriding `args`
 * once the Talos patch enables serving-certificate rotation and an approver runs.
 */
export const kubeletInsecureTls = "--kubelet-insecure-tls";

export const defaultValues: MetricsServerValues = {
  // Two replicas: the metrics API (HPA, `kubectl top`) is an aggregated API the API server waits on.
  replicas: 2,
  args: [kubeletInsecureTls],
  podDisruptionBudget: { enabled: true, minAvailable: 1 },
  // Soft: a hard spread would block the surge pod of a rollout while a node is down.
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: "kubernetes.io/hostname",
      whenUnsatisfiable: "ScheduleAnyway",
      labelSelector: { matchLabels: { "app.kubernetes.io/name": "metrics-server", "app.kubernetes.io/instance": "metrics-server" } },
    },
  ],
  // Lets Prometheus scrape /metrics without a token; the ServiceMonitor needs it.
  metrics: { enabled: true },
  serviceMonitor: { enabled: true },
};
