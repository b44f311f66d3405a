import { flow, type Flow, type Workload } from "../network-flows/model.js";

/**
 * The pods of a Keycloak custom resource: the operator labels them `app: keycloak` and
 * `app.kubernetes.io/instance: <name>` (keycloak `operator/.../Utils.java`, allInstanceLabels).
 * HTTP on 8080, the management interface (health, metrics, admin-only endpoints) on 9000.
 */
export function keycloakPods(cluster: string, namespace: string, name = "keycloak"): Workload {
  return { cluster, namespace, name, labels: { app: "keycloak", "app.kubernetes.io/instance": name } };
}

export const keycloakHttpPort = 8080;
export const keycloakManagementPort = 9000;

/** JGroups of Keycloak's distributed caches: 7800, and failure detection on 57800 (Keycloak docs, "Configuring distributed caches", default jdbc-ping stack). */
export const jgroupsPorts = [7800, 57800] as const;

/** The Keycloak pods form one Infinispan cluster over JGroups. */
export function keycloakClusterFlows(pods: Workload): Flow[] {
  return [flow("keycloak", pods, pods, [...jgroupsPorts], "Keycloak instances form the distributed cache cluster (JGroups)")];
}
