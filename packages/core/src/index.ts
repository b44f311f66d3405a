export * from "./errors/index.js";
export * from "./files/index.js";
export * from "./merge/index.js";
export * from "./emit/index.js";
export * from "./component/index.js";
export * from "./flux/index.js";
export * from "./kustomize/index.js";
export * from "./render/index.js";
