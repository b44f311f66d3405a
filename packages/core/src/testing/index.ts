export * from "./kustomize.js";
export * from "./golden.js";
export * from "./inventories.js";
export * from "./strict.js";
export * from "./rendered.js";
export * from "./scratch.js";
export * from "./actionlint.js";
export * from "./shared-data.js";
