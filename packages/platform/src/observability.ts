import { gatewayHostname } from "@k8s-gitops/components/cilium";
import { fluentBit } from "@k8s-gitops/components/fluent-bit";
import { grafana } from "@k8s-gitops/components/grafana";
import { oidcClientNeed, type OidcClientNeed } from "@k8s-gitops/components/needs";
import { victoriaLogs } from "@k8s-gitops/components/victoria-logs";
import { type ComponentMonitoring, metricsAgent, victoriaMetrics, victoriaMetricsOperator } from "@k8s-gitops/components/victoria-metrics";
import { ref, type ClusterContext, type Ref } from "@k8s-gitops/core";
import type { GlobalServiceRef } from "@k8s-gitops/components/clustermesh";

/** Grafana's OIDC client in Keycloak, declared before Keycloak is built so Keycloak provisions it. */
export function grafanaOidcNeed(context: ClusterContext): OidcClientNeed {
  return oidcClientNeed({
    consumer: "Grafana",
    clientId: "grafana",
    redirectUris: [`https://${gatewayHostname(context, "internal", "grafana")}/login/generic_oauth`],
    secretItem: "grafana-oidc",
  });
}

interface Deps {
  readonly storage: Ref;
  readonly secretStore: Ref;
}

/**
 * A cluster that keeps its own metrics: the VictoriaMetrics operator, a single-node
 * VictoriaMetrics (VMSingle, vmalert, Alertmanager) holding the alert rules and dashboards of
 * `monitoring`, and the agent that scrapes the cluster into it.
 */
export function clusterMetrics(context: ClusterContext, deps: Deps, monitoring: readonly ComponentMonitoring[] = []) {
  const operator = victoriaMetricsOperator(context);
  const metrics = victoriaMetrics(context, { operator: ref(operator), storage: deps.storage, secretStore: deps.secretStore, monitoring });
  return {
    victoriaMetricsOperator: operator,
    victoriaMetrics: metrics,
    metricsAgent: metricsAgent(context, { remoteWrite: metrics.endpoints.remoteWrite, operator: ref(operator) }),
  };
}

/**
 * Infra keeps the metrics and logs of the whole estate: VictoriaMetrics (single node, global
 * Service), VictoriaLogs, Grafana with both as datasources, plus its own agents.
 */
export function observabilityHub(
  context: ClusterContext,
  deps: Deps,
  oidc: { issuerUrl: string; need: OidcClientNeed },
  monitoring: readonly ComponentMonitoring[] = [],
) {
  const own = clusterMetrics(context, deps, monitoring);
  const metrics = own.victoriaMetrics;
  const logs = victoriaLogs(context, { storage: deps.storage });
  return {
    ...own,
    victoriaLogs: logs,
    fluentBit: fluentBit(context, { victoriaLogs: logs.endpoints.insert, logStore: ref(logs) }),
    grafana: grafana(context, {
      metrics: metrics.endpoints.query,
      logs: logs.endpoints.query,
      secretStore: deps.secretStore,
      storage: deps.storage,
      oidc: { issuerUrl: oidc.issuerUrl, clientId: oidc.need.clientId, secretItem: oidc.need.secretItem! },
    }),
  };
}

/** Where another cluster ships its metrics and logs: the hub's global services on infra. */
export interface ObservabilityTargets {
  readonly remoteWrite: GlobalServiceRef;
  readonly logs: GlobalServiceRef;
}

/** Agents of a cluster without its own stores: everything goes to infra across ClusterMesh. */
export function observabilityAgents(context: ClusterContext, targets: ObservabilityTargets) {
  const operator = victoriaMetricsOperator(context);
  return {
    victoriaMetricsOperator: operator,
    metricsAgent: metricsAgent(context, { remoteWrite: targets.remoteWrite, operator: ref(operator) }),
    fluentBit: fluentBit(context, { victoriaLogs: targets.logs }),
  };
}
