import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";

// The Kafka pods' Strimzi Metrics Reporter names Kafka's Yammer metrics as
// `kafka_<group>_<type>_<name>` in lower case (strimzi/metrics-reporter, the same names as
// Strimzi's JMX exporter examples, packaging/examples/metrics/prometheus-install/prometheus-rules.yaml);
// the Kafka Exporter adds consumer group lag (`kafka_consumergroup_lag`, danielqsj/kafka_exporter).
// The PodMonitor (metrics.ts) copies the pods' `strimzi.io/*` labels as `strimzi_io_*`.

/** A Strimzi Kafka cluster: partitions without enough in-sync replicas, offline partitions, no active controller, consumer lag. */
export function kafkaMonitoring(cluster: string, namespace: string): ComponentMonitoring {
  const own = `strimzi_io_cluster="${cluster}"`;
  return componentMonitoring({
    component: cluster,
    namespace,
    title: `Kafka ${cluster}`,
    targets: `namespace="${namespace}", ${own}`,
    groups: [
      {
        name: `kafka-${cluster}`,
        rules: [
          {
            alert: "KafkaUnderReplicatedPartitions",
            expr: `sum by (cluster) (kafka_server_replicamanager_underreplicatedpartitions{${own}}) > 0`,
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: `Kafka ${cluster} on {{ $labels.cluster }} has {{ $value }} under-replicated partitions` },
          },
          {
            alert: "KafkaUnderMinIsrPartitions",
            expr: `sum by (cluster) (kafka_server_replicamanager_underminisrpartitioncount{${own}}) > 0`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: `Kafka ${cluster} on {{ $labels.cluster }}: {{ $value }} partitions are below min.insync.replicas and refuse writes` },
          },
          {
            alert: "KafkaOfflinePartitions",
            expr: `max by (cluster) (kafka_controller_kafkacontroller_offlinepartitionscount{${own}}) > 0`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: `Kafka ${cluster} on {{ $labels.cluster }} has {{ $value }} offline partitions` },
          },
          {
            alert: "KafkaNoActiveController",
            expr: `sum by (cluster) (kafka_controller_kafkacontroller_activecontrollercount{${own}}) != 1`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: `Kafka ${cluster} on {{ $labels.cluster }} has {{ $value }} active controllers instead of one` },
          },
          {
            alert: "KafkaConsumerGroupLagHigh",
            expr: `sum by (cluster, consumergroup, topic) (kafka_consumergroup_lag{${own}}) > 10000`,
            for: "30m",
            labels: { severity: "warning" },
            annotations: { summary: `Kafka ${cluster} on {{ $labels.cluster }}: consumer group {{ $labels.consumergroup }} lags {{ $value }} messages on {{ $labels.topic }}` },
          },
        ],
      },
    ],
    panels: [
      { title: "Under-replicated partitions", expr: `sum by (cluster) (kafka_server_replicamanager_underreplicatedpartitions{${own}, cluster=~"$cluster"})` },
      { title: "Offline partitions", expr: `max by (cluster) (kafka_controller_kafkacontroller_offlinepartitionscount{${own}, cluster=~"$cluster"})` },
      { title: "Consumer group lag", expr: `sum by (cluster, consumergroup) (kafka_consumergroup_lag{${own}, cluster=~"$cluster"})`, legend: "{{cluster}} {{consumergroup}}" },
    ],
  });
}
