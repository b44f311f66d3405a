export { appsCluster } from "./apps.js";
export { policyAuditMode } from "./audit.js";
export { infraCluster } from "./infra.js";
export { buildClusters, buildEstateClusters, clusterNames, estate, renderClusters, renderEstate } from "./estate.js";
export { prometheusOperatorCrds } from "@k8s-gitops/platform";
export type { EstateOptions, EstateOutput } from "./estate.js";
export * from "./inventory.js";
export { sopsRecipients } from "./sops.js";
