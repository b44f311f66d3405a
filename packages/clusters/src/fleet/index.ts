// `@k8s-gitops/clusters/fleet`: the package maps subpaths to folders, and the fleet stays out of
// the main entry because only benchmarks use it.
export * from "../fleet.js";
