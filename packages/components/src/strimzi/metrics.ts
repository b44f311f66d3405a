import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { clusterLabel, metricsPortName } from "./names.js";

/**
 * Scrapes the metrics endpoint of the cluster's Kafka pods (Strimzi Metrics Reporter) and of its
 * Kafka Exporter; entity operator pods carry the same kind label but have no such port, so they
 * produce no target. The `strimzi_io_*` labels are kept because Strimzi's dashboards group by them.
 */
export function kafkaPodMonitor(cluster: string): PodMonitor {
  return new PodMonitor({
    metadata: { name: `${cluster}-kafka` },
    spec: {
      selector: { matchLabels: { [clusterLabel]: cluster, "strimzi.io/kind": "Kafka" } },
      podMetricsEndpoints: [
        {
          port: metricsPortName,
          path: "/metrics",
          relabelings: [
            { action: "labelmap", regex: "__meta_kubernetes_pod_label_(strimzi_io_.+)", replacement: "$1" },
            { action: "replace", sourceLabels: ["__meta_kubernetes_pod_node_name"], targetLabel: "node_name" },
          ],
        },
      ],
    },
  });
}
