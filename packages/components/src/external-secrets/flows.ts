import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** The external-secrets controller Deployment (labels from `helm template` of chart 2.9.0). */
export function externalSecretsController(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "external-secrets", labels: { "app.kubernetes.io/name": "external-secrets", "app.kubernetes.io/instance": "external-secrets" } };
}

/** The 1Password Connect Deployment (labels from `helm template` of the connect chart 2.4.1); its API listens on 8080. */
export function onePasswordConnectPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "onepassword-connect", labels: { app: "onepassword-connect" } };
}

export const connectPort = 8080;

/**
 * Every ExternalSecret is resolved by the controller, which calls Connect through the
 * ClusterSecretStore's URL; Connect syncs from 1Password's cloud over HTTPS.
 */
export function onePasswordFlows(controller: Workload, connect: Workload): Flow[] {
  return [
    flow("onepassword-connect", controller, connect, [connectPort], "ClusterSecretStores onepassword(-shared): the controller reads items", "onepassword-connect"),
    flow("onepassword-connect", connect, { entity: "world", cluster: connect.cluster }, [443], "Connect syncs the vault from 1Password.com"),
  ];
}

/** Pods of the external-secrets chart with a metrics port (8080, ServiceMonitors external-secrets-*-metrics). */
export function externalSecretsPods(cluster: string, namespace: string, component: "controller" | "cert-controller" | "webhook"): Workload {
  if (component === "controller") return externalSecretsController(cluster, namespace);
  return { cluster, namespace, name: `external-secrets-${component}`, labels: { "app.kubernetes.io/name": `external-secrets-${component}`, "app.kubernetes.io/instance": "external-secrets" } };
}

export const externalSecretsMetricsPort = 8080;

/** VMAgent scrapes the controller, the cert-controller and the webhook (the API server calls the webhook, admitted by the default deny). */
export function externalSecretsFlows(c: FlowContext): Flow[] {
  return (["controller", "cert-controller", "webhook"] as const).map((component) => {
    const pods = externalSecretsPods(c.cluster, c.namespace, component);
    return scrapeFlow("external-secrets", c.scraper, pods, externalSecretsMetricsPort, { what: `${pods.name} (ServiceMonitor ${pods.name}-metrics)` });
  });
}

/** VMAgent scrapes Connect's API port on `/metrics` (ServiceMonitor onepassword-connect, port connect-api). */
export function onePasswordConnectScrape(c: FlowContext): Flow {
  return scrapeFlow("onepassword-connect", c.scraper, onePasswordConnectPods(c.cluster, c.namespace), connectPort, { what: "1Password Connect (ServiceMonitor onepassword-connect)" });
}
