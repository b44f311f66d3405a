import { KafkaTopic } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaTopic";
import { UserError, showValue } from "@k8s-gitops/core";
import type { KafkaClusterComponent, KafkaConfigValue } from "./cluster.js";
import { clusterLabel } from "./names.js";

/** What a topic or user needs to know about its cluster. */
export type KafkaClusterRef = Pick<KafkaClusterComponent, "clusterName" | "namespace" | "brokers" | "replicationFactor">;

export interface KafkaTopicProps {
  /** Name of the KafkaTopic object, and of the topic unless `topicName` is given. */
  readonly name: string;
  /** The topic's name in Kafka when it is not a valid Kubernetes name (e.g. `Orders_v2`). @default name */
  readonly topicName?: string;
  readonly partitions: number;
  /** @default the cluster's replication factor */
  readonly replicas?: number;
  /** Topic-level settings, e.g. `{ "retention.ms": 604800000, "cleanup.policy": "compact" }`. */
  readonly config?: Readonly<Record<string, KafkaConfigValue>>;
}

const objectName = /^[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;
const kafkaTopicName = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * A topic the cluster's Topic Operator creates. Replicas are checked against the cluster's
 * broker count and `min.insync.replicas` against the replicas, which Kafka would only refuse
 * at reconcile time, far from the line that caused it.
 */
export function kafkaTopic(cluster: KafkaClusterRef, props: KafkaTopicProps): KafkaTopic {
  const replicas = props.replicas ?? cluster.replicationFactor;
  const problems: string[] = [];
  if (!objectName.test(props.name) || props.name.length > 253) {
    problems.push(`name must be a lowercase Kubernetes name (a-z, 0-9, '-', '.'); set topicName for other Kafka names, got ${showValue(props.name)}`);
  }
  if (props.topicName !== undefined && !kafkaTopicName.test(props.topicName)) {
    problems.push(`topicName must be 1-249 of a-z, A-Z, 0-9, '.', '_', '-', got ${showValue(props.topicName)}`);
  }
  if (!Number.isInteger(props.partitions) || props.partitions < 1) problems.push(`partitions must be a whole number of at least 1, got ${showValue(props.partitions)}`);
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > cluster.brokers) {
    problems.push(`replicas must be a whole number from 1 to the cluster's ${cluster.brokers} brokers, got ${showValue(replicas)}`);
  }
  const minInSync = props.config?.["min.insync.replicas"];
  if (minInSync !== undefined && !(Number(minInSync) >= 1 && Number(minInSync) <= replicas)) {
    problems.push(`config["min.insync.replicas"] must be from 1 to replicas (${replicas}), got ${showValue(minInSync)}`);
  }
  if (problems.length > 0) throw new UserError(`kafkaTopic ${showValue(props.name)} of cluster ${showValue(cluster.clusterName)}: invalid props`, problems);
  return new KafkaTopic({
    metadata: { name: props.name, namespace: cluster.namespace, labels: { [clusterLabel]: cluster.clusterName } },
    spec: {
      ...(props.topicName !== undefined ? { topicName: props.topicName } : {}),
      partitions: props.partitions,
      replicas,
      ...(props.config ? { config: { ...props.config } } : {}),
    },
  });
}
