import type { Workload } from "../network-flows/model.js";

/** Pods of a Dragonfly custom resource: the operator labels them `app: <name>` (dragonfly-operator `internal/resources/const.go`, DragonflyNameLabelKey "app"). */
export function dragonflyPods(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name, labels: { app: name } };
}

export const dragonflyPort = 6379;
