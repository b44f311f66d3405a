export * from "./external-secrets/index.js";
export { certManager } from "./cert-manager/index.js";
