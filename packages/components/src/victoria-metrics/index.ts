/**
 * VictoriaMetrics for the estate: the operator on every cluster, the store and alerting on infra
 * ({@link victoriaMetrics}, which returns typed endpoints) and an agent per cluster
 * ({@link metricsAgent}) that writes to those endpoints through ClusterMesh.
 */
export { metricsAgent, type MetricsAgentProps, type MetricsAgentStage, type VMAgent } from "./agent.js";
export { receiverSecret, type VMAlert, type VMAlertmanager, type VMAlertmanagerConfig } from "./alerting.js";
export {
  kubeStateMetricsChart,
  nodeExporterChart,
  observabilityNamespace,
  operatorChart,
  operatorCrds,
  operatorCrdsChart,
} from "./charts.js";
export { vmApiVersion, vmResource } from "./crd-types.js";
export type * from "./crd-types.js";
export { victoriaMetricsOperator, type VictoriaMetricsOperatorProps, type VictoriaMetricsOperatorStage } from "./operator.js";
export * from "./rules/index.js";
export {
  alertPrefix,
  componentLabel,
  componentMonitoring,
  type ComponentMonitoring,
  type ComponentMonitoringProps,
  controllerRuntimeGroup,
  controllerRuntimePanels,
  dashboardJson,
  monitoringResources,
  type Panel,
  targetDownRule,
} from "./monitoring.js";
export { apiServerScrape, cadvisorScrape, kubeletScrape, type VMNodeScrape, type VMServiceScrape } from "./scrapes.js";
export { defaultPort, defaultRetention, defaultStorageSize, vmSingleService, type VMSingle } from "./single.js";
export {
  victoriaMetrics,
  type VictoriaMetricsComponent,
  type VictoriaMetricsEndpoints,
  type VictoriaMetricsProps,
  type VictoriaMetricsStage,
} from "./stack.js";
export type { KubeStateMetricsValues, NodeExporterValues, OperatorValues } from "./values.js";
export * from "./flows.js";
export { victoriaMetricsOperatorMonitoring, vmagentMonitoring } from "./alerts.js";
