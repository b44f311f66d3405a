// The package is meant to be imported per component (`@k8s-gitops/components/<name>`); this
// barrel re-exports only the builders, by name, because every component folder exports its own
// `chart` pin.
export { actionsRunnerController } from "./actions-runner-controller/index.js";
export { certManager } from "./cert-manager/index.js";
export { cilium } from "./cilium/index.js";
export { cloudnativePg, postgresCluster, sharedPostgres } from "./cloudnative-pg/index.js";
export { globalServiceRef, remoteServiceShadow, serviceUrl, type GlobalServiceRef } from "./clustermesh/index.js";
export { coredns } from "./coredns/index.js";
export { csiDriverNfs } from "./csi-driver-nfs/index.js";
export { dragonfly, dragonflyOperator } from "./dragonfly/index.js";
export { externalSecret, externalSecrets, onePasswordConnect, secretStoreRef } from "./external-secrets/index.js";
export { fluentBit } from "./fluent-bit/index.js";
export { fluxInstance, fluxOperator } from "./flux/index.js";
export { gatewayApiCrds } from "./gateway-api/index.js";
export { gitlab } from "./gitlab/index.js";
export { gitlabRunner } from "./gitlab-runner/index.js";
export { grafana } from "./grafana/index.js";
export { harbor } from "./harbor/index.js";
export { keycloak } from "./keycloak/index.js";
export { metricsServer } from "./metrics-server/index.js";
export { assertProvided, bucketNeed, collectNeeds, collectProvided, databaseNeed, oidcClientNeed } from "./needs/index.js";
export { baselineNetworkPolicyTree, withBaselineNetworkPolicy } from "./network-policies/index.js";
export { openebs } from "./openebs/index.js";
export { reloader } from "./reloader/index.js";
export { objectBucket, rookCephCluster, rookCephOperator } from "./rook-ceph/index.js";
export { snapshotController } from "./snapshot-controller/index.js";
export { sopsConfig, sopsFile } from "./sops/index.js";
export { spegel } from "./spegel/index.js";
export { kafkaAccess, kafkaCluster, kafkaTopic, kafkaUser, strimziOperator } from "./strimzi/index.js";
export { tenant } from "./tenant/index.js";
export { victoriaLogs } from "./victoria-logs/index.js";
export { metricsAgent, victoriaMetrics, victoriaMetricsOperator, vmRule } from "./victoria-metrics/index.js";
