import { KafkaNodePool } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/KafkaNodePool";
import { clusterLabel, poolLabel } from "./names.js";

export type KafkaRole = "controller" | "broker";

/** Size and resources of one node pool. */
export interface NodePoolOptions {
  readonly replicas: number;
  /** Size of the persistent volume of each node, e.g. `100Gi`. */
  readonly storage: string;
  readonly cpu: string;
  /** Memory request and limit; Strimzi sizes the JVM heap from the limit. */
  readonly memory: string;
}

export interface NodePoolSettings extends NodePoolOptions {
  readonly cluster: string;
  readonly role: KafkaRole;
  readonly storageClass: string;
}

/**
 * A node pool with one role, one JBOD volume that also holds the KRaft metadata log, and pods
 * spread over the nodes. Spreading is preferred, not required: the volumes are network block
 * devices, so a broker may restart on another node while its own node is down.
 */
export function nodePool(settings: NodePoolSettings): KafkaNodePool {
  return new KafkaNodePool({
    metadata: { name: settings.role, labels: { [clusterLabel]: settings.cluster } },
    spec: {
      replicas: settings.replicas,
      roles: [settings.role],
      storage: {
        type: "jbod",
        volumes: [
          {
            id: 0,
            type: "persistent-claim",
            size: settings.storage,
            class: settings.storageClass,
            kraftMetadata: "shared",
            // Removing the Kafka object must not delete the logs with it.
            deleteClaim: false,
          },
        ],
      },
      // Memory request = limit: a broker evicted under node pressure moves all its partition leaders.
      resources: { requests: { cpu: settings.cpu, memory: settings.memory }, limits: { memory: settings.memory } },
      template: {
        pod: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: "kubernetes.io/hostname",
              whenUnsatisfiable: "ScheduleAnyway",
              labelSelector: { matchLabels: { [clusterLabel]: settings.cluster, [poolLabel]: settings.role } },
            },
          ],
        },
      },
    },
  });
}
