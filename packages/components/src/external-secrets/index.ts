export * from "./external-secret.js";
