export {
  chart,
  cloudnativePg,
  defaultOperatorNamespace,
  operatorBase,
  pluginChart,
  type CloudnativePgProps,
  type CloudnativePgStage,
} from "./operator.js";
export { postgresCluster, sharedPostgres, type PostgresClusterComponent, type PostgresClusterProps, type PostgresStage, type SharedPostgresProps } from "./postgres.js";
export {
  bucketCredentialKeys,
  defaultBucketStorageClass,
  defaultObjectStoreEndpoint,
  type BackupCompression,
  type BackupOptions,
  type ObjectStore,
  type ObjectStoreSpec,
  type RecoveryOptions,
  type RetentionPolicy,
} from "./backup.js";
export { defaultImageName, defaultParameters, defaultStorageClass } from "./cluster.js";
export { credentialKeys, passwordField, type PostgresDatabase, type PostgresRole } from "./credentials.js";
export { databaseSecret, type DatabaseEndpoint, type DatabaseSecretProps, type PostgresEndpoints, type ServiceEndpoint } from "./endpoints.js";
export { globalServiceAnnotation, globalServiceStub, serviceHost, type GlobalServiceRef } from "./global-service.js";
export { remotePostgres, type RemotePostgresComponent, type RemotePostgresEndpoints } from "./remote.js";
export { barmanPlugin, postgresNames, postgresPort, type PostgresNames } from "./names.js";
export type { PoolerOptions } from "./pooler.js";
export type { MemorySize } from "./quantity.js";
export type { BarmanCloudValues, CloudnativePgValues } from "./values.js";
export * from "./flows.js";
export { postgresBackupFlows } from "./backup-flows.js";
export { cloudnativePgMonitoring, postgresClusterMonitoring, type PostgresMonitoringProps } from "./alerts.js";
export { kubectlImage, restoreTestJobLabels, restoreTestQuery } from "./restore-test.js";
export { restoreKit, type RestoreKit, type RestoreKitSettings } from "./restore-kit.js";
