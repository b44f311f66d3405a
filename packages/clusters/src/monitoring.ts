import { corednsMonitoring } from "@k8s-gitops/components/coredns";
import { externalSecretsMonitoring } from "@k8s-gitops/components/external-secrets";
import { gitlabMonitoring } from "@k8s-gitops/components/gitlab";
import { gitlabRunnerMonitoring } from "@k8s-gitops/components/gitlab-runner";
import { harborMonitoring } from "@k8s-gitops/components/harbor";
import { defaultNamespace as kafkaNamespace, kafkaMonitoring } from "@k8s-gitops/components/strimzi";
import type { ComponentMonitoring } from "@k8s-gitops/components/victoria-metrics";

/**
 * The alerts and dashboards of the estate's components, each built by its component; the hub on
 * infra (vmalert, Grafana) holds them all, because every cluster's metrics end up in its store.
 * `pnpm verify` fails for a component that exposes metrics and is missing here (or is listed in
 * its `monitoringPending` with a reason).
 */
export function estateMonitoring(): ComponentMonitoring[] {
  return [
    corednsMonitoring(),
    externalSecretsMonitoring(),
    harborMonitoring(),
    gitlabMonitoring(),
    gitlabRunnerMonitoring(),
    // The apps cluster's Kafka cluster `events` (apps.ts).
    kafkaMonitoring("events", kafkaNamespace),
  ];
}
