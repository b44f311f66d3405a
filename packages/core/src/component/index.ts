export * from "./component.js";
export * from "./resource.js";
export * from "./patch.js";
export * from "./label-selector.js";
