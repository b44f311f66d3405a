/** Label Strimzi reads on KafkaNodePool, KafkaTopic and KafkaUser to find their Kafka cluster. */
export const clusterLabel = "strimzi.io/cluster";

/** Label Strimzi sets on the pods of a node pool. */
export const poolLabel = "strimzi.io/pool-name";

/** Port name of the metrics endpoint (9404) on Kafka and Kafka Exporter pods. */
export const metricsPortName = "tcp-prometheus";

export const plainPort = 9092;
export const tlsPort = 9093;

/** Names Strimzi derives from the cluster name. */
export function kafkaNames(cluster: string) {
  return {
    bootstrapService: `${cluster}-kafka-bootstrap`,
    /** The cluster CA certificate clients trust for the TLS listener. */
    clusterCaSecret: `${cluster}-cluster-ca-cert`,
  };
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubernetes names Strimzi also uses as prefixes of Services and pods, so a DNS label. */
export function isDnsLabel(value: string, max = 63): boolean {
  return dnsLabel.test(value) && value.length <= max;
}
