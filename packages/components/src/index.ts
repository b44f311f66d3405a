// The package is meant to be imported per component (`@k8s-gitops/components/<name>`); this
// barrel re-exports only the builders, by name, because every component folder exports its own
// `chart` pin.
export { certManager } from "./cert-manager/index.js";
export { cilium } from "./cilium/index.js";
export { gatewayApiCrds } from "./gateway-api/index.js";
export { coredns } from "./coredns/index.js";
export { externalSecret, externalSecrets, onePasswordConnect, secretStoreRef } from "./external-secrets/index.js";
export { metricsServer } from "./metrics-server/index.js";
export { baselineNetworkPolicyTree, withBaselineNetworkPolicy } from "./network-policies/index.js";
export { reloader } from "./reloader/index.js";
export { spegel } from "./spegel/index.js";
