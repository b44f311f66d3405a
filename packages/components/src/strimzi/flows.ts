import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** Pods of a Strimzi Kafka cluster: every pod the operator creates for it carries `strimzi.io/cluster: <name>` (strimzi-kafka-operator `api/.../Labels.java`, STRIMZI_CLUSTER_LABEL). */
export function kafkaPods(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name: `kafka-${name}`, labels: { "strimzi.io/cluster": name } };
}

/** The Strimzi cluster operator Deployment (labels from `helm template` of chart 1.2.0). */
export function strimziOperatorPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "strimzi-cluster-operator", labels: { name: "strimzi-cluster-operator", "strimzi.io/kind": "cluster-operator" } };
}

/**
 * Strimzi's internal ports (strimzi-kafka-operator `KafkaCluster.java`): 9090 the KRaft
 * controllers' listener, 9091 the replication listener (brokers among themselves, the operator,
 * the entity operator and Kafka Exporter, mTLS), 9404 the metrics endpoint.
 */
export const kraftControllerPort = 9090;
export const replicationPort = 9091;
export const kafkaMetricsPort = 9404;
/** The Kafka agent in every Kafka pod, which the cluster operator asks for the broker state during rolls (strimzi `KafkaCluster.java`, KAFKA_AGENT_PORT). */
export const kafkaAgentPort = 8443;

/**
 * One Kafka cluster: the nodes talk to each other on the controller and replication listeners,
 * the operator administers them on both, the entity operator (topics, users) and Kafka Exporter
 * (both labelled with the cluster) use the replication listener; VMAgent scrapes 9404 (PodMonitor).
 */
export function kafkaClusterFlows(c: FlowContext, name: string, operator: Workload): Flow[] {
  const pods = kafkaPods(c.cluster, c.namespace, name);
  return [
    flow("events", pods, pods, [kraftControllerPort, replicationPort], "Kafka nodes: KRaft quorum and replication; the entity operator and Kafka Exporter reach the brokers"),
    flow("strimzi-operator", operator, pods, [kraftControllerPort, replicationPort, kafkaAgentPort], `the cluster operator administers Kafka ${name} and reads each node's state from the Kafka agent`),
    scrapeFlow("events", c.scraper, pods, kafkaMetricsPort, { what: `Kafka ${name} (PodMonitor ${name}-kafka, port tcp-prometheus)` }),
  ];
}
