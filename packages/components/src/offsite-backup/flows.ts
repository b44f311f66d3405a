import type { Workload } from "../network-flows/model.js";
import { copyJobLabels } from "./copy.js";

/** The pods of one copy CronJob (its pod template carries {@link copyJobLabels}). */
export function copyJobPods(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name, labels: copyJobLabels(name) };
}
