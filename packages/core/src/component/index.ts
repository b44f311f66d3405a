export * from "./component.js";
export * from "./resource.js";
