import { undocumentedPaths } from "@k8s-gitops/core/schemas";
/**
 * The GitLab chart ships no values.schema.json, so Helm accepts any typo silently. These lists
 * record the value paths this component sets, each checked by hand against the chart's
 * values.yaml (9.x: the umbrella chart's and those of the `gitlab/*` and `registry` subcharts,
 * https://gitlab.com/gitlab-org/charts/gitlab); a test fails when a value is set that is not
 * listed here, so a new value means a new look at the chart.
 */

/** Top-level keys of the chart's values.yaml, plus the dependency charts configured by name. */
export const chartTopLevelKeys: readonly string[] = [
  "global",
  "upgradeCheck",
  "certmanager-issuer",
  "installCertmanager",
  "certmanager",
  "nginx-ingress",
  "nginx-ingress-geo",
  "haproxy",
  "prometheus",
  "redis",
  "postgresql",
  "registry",
  "minio",
  "shared-secrets",
  "gitlab-runner",
  "traefik",
  "gitlab",
  "gitlab-zoekt",
  "openbao",
  "envoy-gateway",
];

/**
 * Value paths as documented by the chart. A trailing `.*` admits the path and anything below it
 * (free-form maps such as resources, annotations and labels).
 */
export const chartValuePaths: readonly string[] = [
  // values.yaml, global.hosts
  "global.hosts.domain",
  "global.hosts.https",
  "global.hosts.gitlab.name",
  "global.hosts.registry.name",
  "global.hosts.ssh",
  // global.ingress, global.gatewayApi, global.monitoring, global.kas, global.minio
  "global.ingress.enabled",
  "global.ingress.configureCertmanager",
  "global.gatewayApi.enabled",
  "global.monitoring.enabled",
  "global.kas.enabled",
  "global.minio.enabled",
  // global.psql (commented keys of the documented external database)
  "global.psql.host",
  "global.psql.port",
  "global.psql.database",
  "global.psql.username",
  "global.psql.password.useSecret",
  "global.psql.password.secret",
  "global.psql.password.key",
  // global.redis
  "global.redis.host",
  "global.redis.port",
  "global.redis.auth.enabled",
  "global.redis.auth.secret",
  "global.redis.auth.key",
  // global.registry, global.railsSecrets
  "global.registry.bucket",
  "global.railsSecrets.secret",
  // global.appConfig: consolidated object storage, per-type buckets, backups, OmniAuth, defaults
  "global.appConfig.object_store.enabled",
  "global.appConfig.object_store.proxy_download",
  "global.appConfig.object_store.connection.secret",
  "global.appConfig.object_store.connection.key",
  "global.appConfig.artifacts.bucket",
  "global.appConfig.lfs.bucket",
  "global.appConfig.uploads.bucket",
  "global.appConfig.packages.bucket",
  "global.appConfig.externalDiffs.enabled",
  "global.appConfig.externalDiffs.bucket",
  "global.appConfig.terraformState.enabled",
  "global.appConfig.terraformState.bucket",
  "global.appConfig.ciSecureFiles.enabled",
  "global.appConfig.ciSecureFiles.bucket",
  "global.appConfig.dependencyProxy.enabled",
  "global.appConfig.dependencyProxy.bucket",
  "global.appConfig.backups.bucket",
  "global.appConfig.backups.tmpBucket",
  "global.appConfig.omniauth.enabled",
  "global.appConfig.omniauth.allowSingleSignOn",
  "global.appConfig.omniauth.blockAutoCreatedUsers",
  "global.appConfig.omniauth.autoLinkUser",
  "global.appConfig.omniauth.syncProfileFromProvider",
  "global.appConfig.omniauth.syncProfileAttributes",
  "global.appConfig.omniauth.providers",
  "global.appConfig.initialDefaults.signupEnabled",
  // switches of the bundled dependencies
  "installCertmanager",
  "nginx-ingress.enabled",
  "prometheus.install",
  "postgresql.install",
  "redis.install",
  "gitlab-runner.install",
  "shared-secrets.enabled",
  // registry subchart
  "registry.storage.secret",
  "registry.storage.key",
  "registry.storage.redirect.disable",
  "registry.hpa.minReplicas",
  "registry.hpa.maxReplicas",
  "registry.resources.*",
  "registry.metrics.enabled",
  "registry.metrics.serviceMonitor.enabled",
  // gitlab/webservice
  "gitlab.webservice.minReplicas",
  "gitlab.webservice.maxReplicas",
  "gitlab.webservice.workerProcesses",
  "gitlab.webservice.resources.*",
  "gitlab.webservice.metrics.serviceMonitor.enabled",
  "gitlab.webservice.workhorse.resources.*",
  "gitlab.webservice.workhorse.metrics.enabled",
  "gitlab.webservice.workhorse.metrics.serviceMonitor.enabled",
  // gitlab/sidekiq
  "gitlab.sidekiq.minReplicas",
  "gitlab.sidekiq.maxReplicas",
  "gitlab.sidekiq.resources.*",
  "gitlab.sidekiq.metrics.podMonitor.enabled",
  // gitlab/gitaly
  "gitlab.gitaly.resources.*",
  "gitlab.gitaly.persistence.size",
  "gitlab.gitaly.persistence.storageClass",
  "gitlab.gitaly.metrics.serviceMonitor.enabled",
  // gitlab/gitlab-shell
  "gitlab.gitlab-shell.minReplicas",
  "gitlab.gitlab-shell.maxReplicas",
  "gitlab.gitlab-shell.resources.*",
  "gitlab.gitlab-shell.service.type",
  "gitlab.gitlab-shell.service.annotations.*",
  "gitlab.gitlab-shell.serviceLabels.*",
  "gitlab.gitlab-shell.metrics.enabled",
  "gitlab.gitlab-shell.metrics.serviceMonitor.enabled",
  // gitlab/gitlab-exporter
  "gitlab.gitlab-exporter.metrics.serviceMonitor.enabled",
  // gitlab/toolbox
  "gitlab.toolbox.backups.cron.enabled",
  "gitlab.toolbox.backups.cron.schedule",
  "gitlab.toolbox.backups.objectStorage.backend",
  "gitlab.toolbox.backups.objectStorage.config.secret",
  "gitlab.toolbox.backups.objectStorage.config.key",
];

/** Leaves of `values` that no entry of {@link chartValuePaths} documents. */
export function undocumentedValuePaths(values: unknown, documented: readonly string[] = chartValuePaths): string[] {
  return undocumentedPaths(values, documented);
}
