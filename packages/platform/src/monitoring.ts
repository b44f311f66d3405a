import { certManagerMonitoring } from "@k8s-gitops/components/cert-manager";
import { ciliumMonitoring } from "@k8s-gitops/components/cilium";
import { cloudnativePgMonitoring, postgresClusterMonitoring } from "@k8s-gitops/components/cloudnative-pg";
import { corednsMonitoring } from "@k8s-gitops/components/coredns";
import { externalDnsMonitoring } from "@k8s-gitops/components/external-dns";
import { externalSecretsMonitoring, onepasswordConnectMonitoring } from "@k8s-gitops/components/external-secrets";
import { fluentBitMonitoring } from "@k8s-gitops/components/fluent-bit";
import { fluxOperatorMonitoring } from "@k8s-gitops/components/flux";
import { gitlabMonitoring } from "@k8s-gitops/components/gitlab";
import { gitlabRunnerMonitoring } from "@k8s-gitops/components/gitlab-runner";
import { grafanaMonitoring } from "@k8s-gitops/components/grafana";
import { harborMonitoring } from "@k8s-gitops/components/harbor";
import { metricsServerMonitoring } from "@k8s-gitops/components/metrics-server";
import { reloaderMonitoring } from "@k8s-gitops/components/reloader";
import { snapshotControllerMonitoring } from "@k8s-gitops/components/snapshot-controller";
import { spegelMonitoring } from "@k8s-gitops/components/spegel";
import { defaultNamespace as kafkaNamespace, kafkaMonitoring } from "@k8s-gitops/components/strimzi";
import { victoriaLogsMonitoring } from "@k8s-gitops/components/victoria-logs";
import { type ComponentMonitoring, victoriaMetricsOperatorMonitoring, vmagentMonitoring } from "@k8s-gitops/components/victoria-metrics";

/**
 * The alerts and dashboards of the estate's components, each built by its component; the hub on
 * infra (vmalert, Grafana) holds them all, because every cluster's metrics end up in its store.
 * `pnpm verify` fails for a component that exposes metrics and is missing here (or is listed in
 * its `monitoringPending` with a reason).
 */
export function estateMonitoring(): ComponentMonitoring[] {
  return [
    ciliumMonitoring(),
    corednsMonitoring(),
    metricsServerMonitoring(),
    reloaderMonitoring(),
    snapshotControllerMonitoring(),
    spegelMonitoring(),
    fluxOperatorMonitoring(),
    certManagerMonitoring(),
    externalSecretsMonitoring(),
    externalDnsMonitoring(),
    onepasswordConnectMonitoring(),
    victoriaMetricsOperatorMonitoring(),
    vmagentMonitoring(),
    grafanaMonitoring(),
    victoriaLogsMonitoring(),
    fluentBitMonitoring(),
    cloudnativePgMonitoring(),
    // The infra cluster's shared Postgres cluster (infra.ts).
    postgresClusterMonitoring("postgres-shared", "databases"),
    harborMonitoring(),
    gitlabMonitoring(),
    gitlabRunnerMonitoring(),
    // The apps cluster's Kafka cluster `events` (apps.ts).
    kafkaMonitoring("events", kafkaNamespace),
  ];
}
