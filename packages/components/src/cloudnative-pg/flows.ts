import { flow, type Flow, type Workload } from "../network-flows/model.js";

/**
 * The instance pods of a CNPG Cluster: the operator labels them `cnpg.io/cluster: <cluster>`
 * (cloudnative-pg `pkg/utils/labels_annotations.go`, ClusterLabelName). Postgres listens on 5432.
 */
export function postgresInstances(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name, labels: { "cnpg.io/cluster": name } };
}

export const postgresPort = 5432;
/** The instance manager's status endpoint the operator polls (cloudnative-pg `pkg/management/url`, StatusPort). */
export const instanceStatusPort = 8000;

/** The operator Deployment of the cloudnative-pg chart (labels checked with `helm template` of chart 0.x). */
export function cnpgOperator(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "cloudnative-pg", labels: { "app.kubernetes.io/name": "cloudnative-pg" } };
}

/** What the chart needs across namespaces: the operator polls every instance's status port. */
export function cnpgFlows(operator: Workload, instances: Workload): Flow[] {
  return [flow("cloudnative-pg", operator, instances, [instanceStatusPort], "operator polls the instance manager status")];
}

/** A database client of the shared Postgres, through the Service it addresses. */
export function postgresClientFlow(owner: string, client: Workload, instances: Workload, service: string): Flow {
  return flow(owner, client, instances, [postgresPort], `${owner} uses its database`, service);
}
