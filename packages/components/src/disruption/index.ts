import { UserError, showValue } from "@k8s-gitops/core";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";

export interface PodDisruptionBudgetProps {
  /** Object name; usually the workload's. */
  readonly name: string;
  /** Labels of the workload's pod template that select its pods (its `spec.selector.matchLabels`). */
  readonly matchLabels: Readonly<Record<string, string>>;
  /** Pods that may be down at once during a drain. @default 1 */
  readonly maxUnavailable?: number;
}

/**
 * A PodDisruptionBudget for a workload whose chart offers none: a node drain (a Talos rolling
 * upgrade, one node at a time) evicts at most `maxUnavailable` of its pods. No namespace: the
 * stage's Flux Kustomization puts it in the component's namespace, with the workload.
 * `unhealthyPodEvictionPolicy: AlwaysAllow` lets a drain evict pods that are not Ready anyway,
 * so a crash-looping replica cannot block a node upgrade (stable since Kubernetes 1.31).
 */
export function podDisruptionBudget(props: PodDisruptionBudgetProps): PodDisruptionBudget {
  const maxUnavailable = props.maxUnavailable ?? 1;
  const problems: string[] = [];
  if (Object.keys(props.matchLabels).length === 0) problems.push("matchLabels: must select the workload's pods; an empty selector selects every pod of the namespace");
  if (!Number.isInteger(maxUnavailable) || maxUnavailable < 1) problems.push(`maxUnavailable: must be an integer of at least 1, got ${showValue(maxUnavailable)}`);
  if (problems.length > 0) throw new UserError(`podDisruptionBudget ${showValue(props.name)}: invalid budget`, problems);
  return new PodDisruptionBudget({
    metadata: { name: props.name },
    spec: { maxUnavailable, selector: { matchLabels: { ...props.matchLabels } }, unhealthyPodEvictionPolicy: "AlwaysAllow" },
  });
}
