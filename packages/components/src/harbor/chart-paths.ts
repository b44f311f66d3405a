import { undocumentedPaths } from "@k8s-gitops/core/schemas";
/**
 * The Harbor chart ships no values.schema.json, so Helm accepts any typo silently. This list
 * records the value paths of the chart's values.yaml (goharbor/harbor-helm, 1.19 line) that this
 * component sets or that a cluster is expected to override, each checked by hand against that
 * file (several are documented there as commented-out keys, e.g. `s3.existingSecret`). A test
 * fails when a value is set that is not listed, so a new value means a new look at the chart.
 * A trailing `.*` admits the path and anything below it (free-form maps such as resources).
 */
export const chartValuePaths: readonly string[] = [
  // expose, externalURL
  "expose.type",
  "expose.tls.enabled",
  "expose.clusterIP.annotations.*",
  "expose.clusterIP.labels.*",
  "externalURL",
  // admin password and encryption key from existing Secrets
  "existingSecretAdminPassword",
  "existingSecretAdminPasswordKey",
  "existingSecretSecretKey",
  "logLevel",
  "updateStrategy.type",
  "caBundleSecretName",
  // persistence
  "persistence.enabled",
  "persistence.resourcePolicy",
  "persistence.persistentVolumeClaim.jobservice.jobLog.storageClass",
  "persistence.persistentVolumeClaim.jobservice.jobLog.size",
  "persistence.persistentVolumeClaim.jobservice.jobLog.accessMode",
  "persistence.persistentVolumeClaim.trivy.storageClass",
  "persistence.persistentVolumeClaim.trivy.size",
  "persistence.persistentVolumeClaim.trivy.accessMode",
  "persistence.imageChartStorage.disableredirect",
  "persistence.imageChartStorage.type",
  "persistence.imageChartStorage.s3.region",
  "persistence.imageChartStorage.s3.bucket",
  "persistence.imageChartStorage.s3.regionendpoint",
  "persistence.imageChartStorage.s3.existingSecret",
  "persistence.imageChartStorage.s3.v4auth",
  "persistence.imageChartStorage.s3.secure",
  "persistence.imageChartStorage.s3.skipverify",
  "persistence.imageChartStorage.s3.chunksize",
  "persistence.imageChartStorage.s3.rootdirectory",
  // portal
  "portal.replicas",
  "portal.resources.*",
  "portal.topologySpreadConstraints",
  "portal.podAnnotations.*",
  // core
  "core.replicas",
  "core.resources.*",
  "core.topologySpreadConstraints",
  "core.podAnnotations.*",
  "core.existingSecret",
  "core.existingXsrfSecret",
  "core.existingXsrfSecretKey",
  "core.extraEnvVars",
  "core.secretName",
  "core.quotaUpdateProvider",
  // jobservice
  "jobservice.replicas",
  "jobservice.resources.*",
  "jobservice.existingSecret",
  "jobservice.existingSecretKey",
  "jobservice.maxJobWorkers",
  "jobservice.jobLoggers",
  // registry
  "registry.replicas",
  "registry.topologySpreadConstraints",
  "registry.registry.resources.*",
  "registry.controller.resources.*",
  "registry.existingSecret",
  "registry.existingSecretKey",
  "registry.credentials.username",
  "registry.credentials.existingSecret",
  "registry.relativeurls",
  // trivy
  "trivy.enabled",
  "trivy.replicas",
  "trivy.resources.*",
  "trivy.skipUpdate",
  "trivy.skipJavaDBUpdate",
  "trivy.offlineScan",
  "trivy.severity",
  "trivy.ignoreUnfixed",
  "trivy.timeout",
  // exporter
  "exporter.replicas",
  "exporter.resources.*",
  // database
  "database.type",
  "database.external.host",
  "database.external.port",
  "database.external.username",
  "database.external.coreDatabase",
  "database.external.existingSecret",
  "database.external.sslmode",
  "database.maxIdleConns",
  "database.maxOpenConns",
  // redis
  "redis.type",
  "redis.external.addr",
  "redis.external.coreDatabaseIndex",
  "redis.external.jobserviceDatabaseIndex",
  "redis.external.registryDatabaseIndex",
  "redis.external.trivyAdapterIndex",
  // metrics
  "metrics.enabled",
  "metrics.serviceMonitor.enabled",
  "metrics.serviceMonitor.additionalLabels.*",
  "metrics.serviceMonitor.interval",
];

/** Leaves of `values` that no entry of {@link chartValuePaths} documents. */
export function undocumentedValuePaths(values: unknown, documented: readonly string[] = chartValuePaths): string[] {
  return undocumentedPaths(values, documented);
}
