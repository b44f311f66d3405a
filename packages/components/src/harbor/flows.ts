import type { Workload } from "../network-flows/model.js";

/** Pods of the Harbor chart: `release`, `app: harbor`, `component` (labels from `helm template` of chart 1.19.1); core and portal on 8080. */
export function harborPods(cluster: string, namespace: string, component: "core" | "jobservice" | "portal" | "registry" | "exporter", release = "harbor"): Workload {
  return { cluster, namespace, name: `harbor-${component}`, labels: { release, app: "harbor", component } };
}

export const harborHttpPort = 8080;
