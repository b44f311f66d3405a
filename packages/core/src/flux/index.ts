export * from "./chart.js";
export * from "./defaults.js";
export * from "./helmrelease.js";
export * from "./kustomization.js";
export * from "./sources.js";
export * from "./chart-component.js";
export * from "./release.js";
