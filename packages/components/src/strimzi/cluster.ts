import { Kafka, type IKafka } from "@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1/Kafka";
import { UserError, defineComponent, merge, showValue, type ClusterContext, type Component, type DeepPartial, type Ref } from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { kafkaPodMonitor } from "./metrics.js";
import { isDnsLabel, kafkaNames, plainPort, tlsPort } from "./names.js";
import { nodePool, type NodePoolOptions } from "./node-pool.js";
import { defaultNamespace, restrictedNamespace } from "./operator.js";

export type KafkaSpec = IKafka["spec"];
export type KafkaConfigValue = string | number | boolean;

/** Apache Kafka version the clusters run; it must be one the pinned Strimzi chart supports (Renovate asks before moving it). */
// renovate: datasource=github-tags depName=apache/kafka
export const defaultKafkaVersion = "4.3.1";

/** One broker and one controller per node of a three-node cluster. */
export const defaultBrokers: NodePoolOptions = { replicas: 3, storage: "100Gi", cpu: "500m", memory: "4Gi" };
export const defaultControllers: NodePoolOptions = { replicas: 3, storage: "10Gi", cpu: "200m", memory: "1Gi" };

export type KafkaClusterStage = "app";

export interface KafkaClusterProps {
  /** Name of the Kafka cluster (and of the component): a DNS label of at most 40 characters. */
  readonly name: string;
  /** The operator component, i.e. `ref(strimziOperator(...))`. */
  readonly operator: Ref;
  /** @default "kafka" */
  readonly namespace?: string;
  /** @default {@link defaultKafkaVersion} */
  readonly version?: string;
  /** Merged over {@link defaultBrokers}. */
  readonly brokers?: Partial<NodePoolOptions>;
  /** Merged over {@link defaultControllers}; the KRaft quorum needs an odd count. */
  readonly controllers?: Partial<NodePoolOptions>;
  /** @default "ceph-block" (replicated by Ceph, so a broker can restart on another node) */
  readonly storageClass?: string;
  /** The component providing that StorageClass, i.e. `ref(rookCephCluster(...))`. @default no dependency */
  readonly storage?: Ref;
  /** Broker settings merged over the replication defaults derived from the broker count. */
  readonly config?: Readonly<Record<string, KafkaConfigValue>>;
  /** Run Cruise Control for partition rebalancing. @default false */
  readonly cruiseControl?: boolean;
  /** Regular expressions of the metrics the reporter exposes. @default every metric */
  readonly metricsAllowList?: readonly string[];
  /** Deep-merged over the generated Kafka spec: objects merge, arrays replace, null deletes. */
  readonly spec?: DeepPartial<KafkaSpec>;
}

/** Where clients connect; credentials come from the KafkaUser's Secret (see `kafkaUser`). */
export interface KafkaEndpoints {
  /** SASL SCRAM-SHA-512 over plain TCP, e.g. `events-kafka-bootstrap.kafka.svc:9092`. */
  readonly plain: string;
  /** Mutual TLS, e.g. `events-kafka-bootstrap.kafka.svc:9093`. */
  readonly tls: string;
  /** Secret (key `ca.crt`) with the cluster CA that TLS clients trust. */
  readonly clusterCaSecret: string;
}

/** The Kafka component value: what topics and users need to know about their cluster. */
export type KafkaClusterComponent = Component<KafkaClusterStage> & {
  readonly clusterName: string;
  readonly brokers: number;
  /** The replication factor topics get by default: three, or the broker count if smaller. */
  readonly replicationFactor: number;
  readonly endpoints: KafkaEndpoints;
};

const storageSize = /^[1-9][0-9]*(Mi|Gi|Ti)$/;
const quantity = /^([0-9]+(\.[0-9]+)?|\.[0-9]+)(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/;

function checkPool(what: string, pool: NodePoolOptions, problems: string[]): void {
  if (!Number.isInteger(pool.replicas) || pool.replicas < 1) problems.push(`${what}.replicas must be a whole number of at least 1, got ${showValue(pool.replicas)}`);
  if (!storageSize.test(pool.storage)) problems.push(`${what}.storage must be a whole number of Mi, Gi or Ti (e.g. "100Gi"), got ${showValue(pool.storage)}`);
  if (!quantity.test(pool.cpu)) problems.push(`${what}.cpu must be a Kubernetes quantity (e.g. "500m"), got ${showValue(pool.cpu)}`);
  if (!quantity.test(pool.memory)) problems.push(`${what}.memory must be a Kubernetes quantity (e.g. "4Gi"), got ${showValue(pool.memory)}`);
}

/**
 * Replication defaults for the broker count: three copies (fewer on smaller clusters), and
 * writes acknowledged by all but one of them, so one broker can be down without blocking producers.
 */
export function replicationConfig(brokers: number): Record<string, number> {
  const factor = Math.min(3, brokers);
  const minInSync = Math.max(1, factor - 1);
  return {
    "default.replication.factor": factor,
    "min.insync.replicas": minInSync,
    "offsets.topic.replication.factor": factor,
    "transaction.state.log.replication.factor": factor,
    "transaction.state.log.min.isr": minInSync,
  };
}

/**
 * A Kafka cluster in KRaft mode: a controller and a broker node pool on persistent volumes,
 * internal listeners (SCRAM-SHA-512 on 9092, mutual TLS on 9093) with simple ACL authorization,
 * the Topic and User Operators, Kafka Exporter, metrics through the Strimzi Metrics Reporter
 * and a PodMonitor. Since Strimzi 0.48 KRaft and node pools need no annotations.
 */
export function kafkaCluster(_context: ClusterContext, props: KafkaClusterProps): KafkaClusterComponent {
  const where = `kafkaCluster ${showValue(props.name)}`;
  const brokers: NodePoolOptions = { ...defaultBrokers, ...props.brokers };
  const controllers: NodePoolOptions = { ...defaultControllers, ...props.controllers };
  const problems: string[] = [];
  // Strimzi appends suffixes such as `-kafka-bootstrap` and `-entity-operator` to the name.
  if (!isDnsLabel(props.name, 40)) problems.push(`name must be a DNS label of at most 40 characters, got ${showValue(props.name)}`);
  checkPool("brokers", brokers, problems);
  checkPool("controllers", controllers, problems);
  if (Number.isInteger(controllers.replicas) && controllers.replicas % 2 === 0) {
    problems.push(`controllers.replicas must be odd (a KRaft quorum of ${controllers.replicas} tolerates no more failures than ${controllers.replicas - 1}), got ${controllers.replicas}`);
  }
  const config = { ...replicationConfig(brokers.replicas), ...props.config };
  const minInSync = Number(config["min.insync.replicas"]);
  const factor = Number(config["default.replication.factor"]);
  if (!(factor <= brokers.replicas)) problems.push(`config["default.replication.factor"] is ${showValue(config["default.replication.factor"])}, more than the ${brokers.replicas} brokers`);
  if (!(minInSync <= factor)) problems.push(`config["min.insync.replicas"] is ${showValue(config["min.insync.replicas"])}, more than the replication factor ${showValue(factor)}`);
  if (problems.length > 0) throw new UserError(`${where}: invalid props`, problems);

  const name = props.name;
  const namespace = props.namespace ?? defaultNamespace;
  const storageClass = props.storageClass ?? storageClassNames.block;
  const spec: KafkaSpec = {
    kafka: {
      version: props.version ?? defaultKafkaVersion,
      listeners: [
        { name: "plain", port: plainPort, type: "internal", tls: false, authentication: { type: "scram-sha-512" } },
        { name: "tls", port: tlsPort, type: "internal", tls: true, authentication: { type: "tls" } },
      ],
      authorization: { type: "simple" },
      config: { ...config },
      metricsConfig: {
        type: "strimziMetricsReporter",
        ...(props.metricsAllowList ? { values: { allowList: [...props.metricsAllowList] } } : {}),
      },
    },
    entityOperator: { topicOperator: {}, userOperator: {} },
    // Consumer lag per group and partition, which the brokers' own metrics do not expose.
    kafkaExporter: { topicRegex: ".*", groupRegex: ".*" },
    ...(props.cruiseControl ? { cruiseControl: {} } : {}),
  };
  const kafka = new Kafka({ metadata: { name }, spec: merge<KafkaSpec>(spec, props.spec) });
  const names = kafkaNames(name);
  const component = defineComponent<KafkaClusterStage>({
    name,
    namespace,
    area: "workloads",
    category: "platform",
    namespaceLabels: restrictedNamespace,
    stages: [
      {
        name: "app",
        dependsOn: [props.operator, ...(props.storage ? [props.storage] : [])],
        resources: [
          nodePool({ ...controllers, cluster: name, role: "controller", storageClass }),
          nodePool({ ...brokers, cluster: name, role: "broker", storageClass }),
          kafka,
          kafkaPodMonitor(name),
        ],
        healthCheckExprs: [
          {
            apiVersion: "kafka.strimzi.io/v1",
            kind: "Kafka",
            // No `failed` rule: Strimzi reports NotReady (reason Creating) while it deploys.
            current: "status.conditions.exists(e, e.type == 'Ready' && e.status == 'True')",
          },
        ],
        // Six pods with volumes start one by one; a rolling update takes longer still.
        timeout: "20m",
      },
    ],
  });
  const host = `${names.bootstrapService}.${namespace}.svc`;
  return {
    ...component,
    clusterName: name,
    brokers: brokers.replicas,
    replicationFactor: factor,
    endpoints: { plain: `${host}:${plainPort}`, tls: `${host}:${tlsPort}`, clusterCaSecret: names.clusterCaSecret },
  };
}
