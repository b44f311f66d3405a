import { flow, type Flow, type FlowContext } from "../network-flows/model.js";

/**
 * The controller and the listener pods it creates per runner scale set (labels set by the
 * controller, not the chart) talk to GitHub's API and Actions service over HTTPS; everything else
 * goes through the API server (default deny).
 */
export function actionsRunnerControllerFlows(c: FlowContext): Flow[] {
  return [flow("actions-runner-controller", { cluster: c.cluster, namespace: c.namespace, name: "all-pods", labels: {} }, { entity: "world", cluster: c.cluster }, [443], "the controller and the scale-set listeners call GitHub's API and Actions service")];
}
