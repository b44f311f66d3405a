import type { KafkaTopic } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaTopic";
import type { KafkaUser } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaUser";
import { UserError, defineComponent, ref, showValue, type ClusterContext, type Component } from "@k8s-gitops/core";
import type { KafkaClusterComponent } from "./cluster.js";
import { clusterLabel } from "./names.js";

export type KafkaAccessStage = "app";

export interface KafkaAccessProps {
  /** Component name, e.g. the team or app that owns the topics (`orders-kafka`). */
  readonly name: string;
  /** The cluster the topics and users belong to; its Kustomization is waited for. */
  readonly cluster: KafkaClusterComponent;
  /** Built with `kafkaTopic(cluster, ...)`. @default [] */
  readonly topics?: readonly KafkaTopic[];
  /** Built with `kafkaUser(cluster, ...)`. @default [] */
  readonly users?: readonly KafkaUser[];
}

const ready = "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')";

/**
 * Topics and users of one owner as their own Flux Kustomization in the cluster's namespace
 * (the entity operators watch only that namespace), applied once the cluster is ready.
 */
export function kafkaAccess(_context: ClusterContext, props: KafkaAccessProps): Component<KafkaAccessStage> {
  const { cluster } = props;
  const resources = [...(props.topics ?? []), ...(props.users ?? [])];
  const foreign = resources.filter((r) => r.metadata?.labels?.[clusterLabel] !== cluster.clusterName || r.metadata?.namespace !== cluster.namespace);
  if (foreign.length > 0) {
    throw new UserError(
      `kafkaAccess ${showValue(props.name)}: every topic and user must be built for cluster ${showValue(cluster.clusterName)} in namespace ${showValue(cluster.namespace)}`,
      foreign.map((r) => `${r.kind} ${showValue(r.metadata?.name)} belongs to cluster ${showValue(r.metadata?.labels?.[clusterLabel])} in namespace ${showValue(r.metadata?.namespace)}`),
    );
  }
  if (resources.length === 0) throw new UserError(`kafkaAccess ${showValue(props.name)}: has neither topics nor users`);
  return defineComponent<KafkaAccessStage>({
    name: props.name,
    namespace: cluster.namespace,
    area: "workloads",
    category: "platform",
    stages: [
      {
        name: "app",
        dependsOn: [ref(cluster)],
        resources,
        healthCheckExprs: [
          ...(props.topics?.length ? [{ apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", current: ready }] : []),
          ...(props.users?.length ? [{ apiVersion: "kafka.strimzi.io/v1", kind: "KafkaUser", current: ready }] : []),
        ],
      },
    ],
  });
}
