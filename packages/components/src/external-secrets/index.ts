export * from "./external-secret.js";
export { connectServiceFromHost, type ConnectService } from "./connect-host.js";
export { onePasswordBootstrapSecret, type ConnectValues, type OnePasswordBootstrapKey } from "./connect-values.js";
export { externalSecretsNamespace } from "./namespace.js";
export { chart, externalSecrets, type ExternalSecretsProps, type ExternalSecretsStage } from "./operator.js";
export {
  connectChart,
  onePasswordConnect,
  onePasswordStore,
  sharedPushStore,
  secretStoreHealthCheck,
  secretStoreRef,
  type OnePasswordConnectProps,
  type OnePasswordConnectStage,
} from "./onepassword.js";
export type { ExternalSecretsValues } from "./values.js";
export { onePasswordConnectBootstrapSecret } from "./bootstrap.js";
export { externalSecretsMonitoring, onepasswordConnectMonitoring } from "./alerts.js";
export * from "./flows.js";
