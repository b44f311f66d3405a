export { estateMonitoring } from "./monitoring.js";
export { grafanaOidcNeed, observabilityAgents, observabilityHub, type ObservabilityTargets } from "./observability.js";
export { platform, platformBootstrap, policyAuditMode, prometheusOperatorCrds, type Platform, type PlatformOptions } from "./platform.js";
export { storage, type Storage } from "./storage.js";
