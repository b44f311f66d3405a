import { flow, scrapeFlow, type Flow, type Workload } from "../network-flows/model.js";

/** Pods of a Dragonfly custom resource: the operator labels them `app: <name>` (dragonfly-operator `internal/resources/const.go`, DragonflyNameLabelKey "app"). */
export function dragonflyPods(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name, labels: { app: name } };
}

/** The dragonfly-operator Deployment (labels from `helm template` of chart v1.6.1). */
export function dragonflyOperatorPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "dragonfly-operator", labels: { "app.kubernetes.io/name": "dragonfly-operator", "app.kubernetes.io/instance": "dragonfly-operator" } };
}

export const dragonflyPort = 6379;
/** The admin port (dragonfly-operator `internal/resources/const.go`, DragonflyAdminPort) serves `/metrics` (PodMonitor port admin). */
export const dragonflyAdminPort = 9999;

/**
 * One Dragonfly instance set: the replicas replicate from the master over the Redis port (Dragonfly
 * replication uses the main port for the DFLY FLOW connections); the operator, in its own
 * namespace, elects the master and sends REPLICAOF over the same port and checks the admin port;
 * VMAgent scrapes the admin port.
 */
export function dragonflyFlows(owner: string, instances: Workload, operator: Workload, scraper: Workload): Flow[] {
  return [
    flow(owner, instances, instances, [dragonflyPort], "Dragonfly replicas replicate from the master"),
    flow("dragonfly-operator", operator, instances, [dragonflyPort, dragonflyAdminPort], `the operator configures replication of ${instances.name}`),
    scrapeFlow(owner, scraper, instances, dragonflyAdminPort, { what: `${instances.name} (PodMonitor ${instances.name}, port admin)` }),
  ];
}
