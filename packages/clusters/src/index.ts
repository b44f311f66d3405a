export { appsCluster } from "./apps.js";
export { infraCluster } from "./infra.js";
export { buildClusters, clusterNames, renderClusters, renderEstate } from "./estate.js";
export { prometheusOperatorCrds } from "@k8s-gitops/platform";
export type { EstateOptions, EstateOutput } from "./estate.js";
export * from "./inventory.js";
