import { flow, type Flow, type Workload } from "../network-flows/model.js";

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
