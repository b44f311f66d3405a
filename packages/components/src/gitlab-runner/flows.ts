import { flow, type Flow, type FlowContext } from "../network-flows/model.js";

/**
 * The runner manager and the CI job pods it creates share the namespace; job pods carry labels
 * the CI configuration chooses, so the flow is namespace-wide. Both reach GitLab, the registry,
 * Harbor and package mirrors through their public host names (the Gateways' addresses), which
 * Cilium sees as `world`, on 443; they create job pods through the API server (default deny).
 */
export function gitlabRunnerFlows(c: FlowContext): Flow[] {
  return [flow("gitlab-runner", { cluster: c.cluster, namespace: c.namespace, name: "all-pods", labels: {} }, { entity: "world", cluster: c.cluster }, [443], "runner manager and CI jobs reach GitLab, registries and package mirrors over HTTPS")];
}
