import type { Workload } from "../network-flows/model.js";

/**
 * Pods of the Flux controllers flux-operator deploys for a FluxInstance (one per entry of
 * `spec.components`): labelled `app: <controller>`, as in each controller's own manifests
 * (fluxcd/source-controller `config/manager/deployment.yaml`, template labels).
 */
export function fluxControllerPods(cluster: string, namespace: string, controller: string): Workload {
  return { cluster, namespace, name: controller, labels: { app: controller } };
}
