import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/**
 * Pods of the Flux controllers flux-operator deploys for a FluxInstance (one per entry of
 * `spec.components`): labelled `app: <controller>`, as in each controller's own manifests
 * (fluxcd/source-controller `config/manager/deployment.yaml`, template labels).
 */
export function fluxControllerPods(cluster: string, namespace: string, controller: string): Workload {
  return { cluster, namespace, name: controller, labels: { app: controller } };
}

/** The flux-operator Deployment (labels from `helm template` of chart 0.49.0); metrics on 8080. */
export function fluxOperatorPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "flux-operator", labels: { "app.kubernetes.io/name": "flux-operator", "app.kubernetes.io/instance": "flux-operator" } };
}

/**
 * The artifact server of source-controller and the event receiver of notification-controller
 * both listen on container port `http` 9090 (fluxcd/source-controller and
 * notification-controller `config/manager/deployment.yaml`; the Services map 80 to it).
 */
export const fluxHttpPort = 9090;

/**
 * Inside a FluxInstance: kustomize- and helm-controller download artifacts from
 * source-controller; every controller posts events to notification-controller;
 * source-controller fetches Git, OCI and Helm sources outside the cluster.
 */
export function fluxInstanceFlows(c: FlowContext, components: readonly string[]): Flow[] {
  const pod = (name: string) => fluxControllerPods(c.cluster, c.namespace, name);
  const has = (name: string) => components.includes(name);
  const flows: Flow[] = [];
  if (has("source-controller")) {
    flows.push(flow("flux-instance", pod("source-controller"), { entity: "world", cluster: c.cluster }, [443, 22], "source-controller fetches Git repositories, OCI artifacts and Helm charts"));
    for (const consumer of ["kustomize-controller", "helm-controller"].filter(has)) flows.push(flow("flux-instance", pod(consumer), pod("source-controller"), [fluxHttpPort], `${consumer} downloads artifacts from source-controller`));
  }
  if (has("notification-controller")) {
    for (const sender of ["source-controller", "kustomize-controller", "helm-controller"].filter(has)) flows.push(flow("flux-instance", pod(sender), pod("notification-controller"), [fluxHttpPort], `${sender} posts events to notification-controller`));
  }
  return flows;
}

/** flux-operator pulls the Flux distribution manifests from the registry and is scraped on 8080 (ServiceMonitor flux-operator, `targetPort: 8080`). */
export function fluxOperatorFlows(c: FlowContext): Flow[] {
  const operator = fluxOperatorPods(c.cluster, c.namespace);
  return [
    flow("flux-operator", operator, { entity: "world", cluster: c.cluster }, [443], "flux-operator pulls the Flux distribution (controller manifests) from the OCI registry"),
    scrapeFlow("flux-operator", c.scraper, operator, 8080, { what: "flux-operator (ServiceMonitor flux-operator)" }),
  ];
}
