export {
  chart,
  defaultNamespace,
  operatorBase,
  operatorBaseTree,
  operatorRelease,
  restrictedNamespace,
  strimziOperator,
  type StrimziOperatorProps,
  type StrimziOperatorStage,
} from "./operator.js";
export {
  defaultBrokers,
  defaultControllers,
  defaultKafkaVersion,
  kafkaCluster,
  replicationConfig,
  type KafkaClusterComponent,
  type KafkaClusterProps,
  type KafkaClusterStage,
  type KafkaConfigValue,
  type KafkaEndpoints,
  type KafkaSpec,
} from "./cluster.js";
export { kafkaTopic, type KafkaClusterRef, type KafkaTopicProps } from "./topic.js";
export { kafkaUser, userSecretName, type KafkaAcl, type KafkaAclOperation, type KafkaAclResource, type KafkaUserProps } from "./user.js";
export { kafkaAccess, type KafkaAccessProps, type KafkaAccessStage } from "./access.js";
export { kafkaPodMonitor } from "./metrics.js";
export { clusterLabel, kafkaNames, metricsPortName, plainPort, poolLabel, tlsPort } from "./names.js";
export type { KafkaRole, NodePoolOptions } from "./node-pool.js";
export { defaultValues, type StrimziOperatorValues } from "./values.js";
export { kafkaMonitoring } from "./alerts.js";
export * from "./flows.js";
