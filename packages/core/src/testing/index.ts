export * from "./kustomize.js";
