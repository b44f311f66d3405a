export { estateMonitoring } from "./monitoring.js";
export { clusterMetrics, grafanaOidcNeed, observabilityAgents, observabilityHub, type ObservabilityTargets } from "./observability.js";
export { platform, platformBootstrap, prometheusOperatorCrds, type Platform, type PlatformOptions } from "./platform.js";
export { restoreDir, restoreFiles } from "./restore.js";
export { storage, type Storage } from "./storage.js";
export {
  buildEstate,
  defineEstate,
  EstateConfigError,
  estateContext,
  renderClusters,
  renderEstate,
  type Estate,
  type EstateConfig,
  type EstateContext,
  type EstateOutput,
  type RenderClustersOptions,
  type RenderEstateOptions,
} from "./estate.js";
