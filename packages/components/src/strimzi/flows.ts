import type { Workload } from "../network-flows/model.js";

/** Pods of a Strimzi Kafka cluster: every pod the operator creates for it carries `strimzi.io/cluster: <name>` (strimzi-kafka-operator `api/.../Labels.java`, STRIMZI_CLUSTER_LABEL). */
export function kafkaPods(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name: `kafka-${name}`, labels: { "strimzi.io/cluster": name } };
}
