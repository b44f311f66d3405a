import { showValue, UserError, type Component, type Stage } from "@k8s-gitops/core";
import { baselineComponentName, baselineNetworkPolicyTree } from "./baseline.js";

/**
 * Namespaces the baseline must never close: kube-system serves cluster DNS and the CNI to every
 * namespace, and its host-network pods are outside CiliumNetworkPolicy anyway.
 */
export const namespacesWithoutBaseline: readonly string[] = ["kube-system"];

/** Whether the component's first stage includes the baseline kustomize Component. */
export function usesBaselineNetworkPolicy(component: Pick<Component, "stages">): boolean {
  return component.stages[0]?.kustomizeComponents?.includes(baselineComponentName) ?? false;
}

/**
 * Switches the baseline policies on for the component's namespace: its first stage includes the
 * `network-policy-baseline` kustomize Component (so the policies are applied with the app, into
 * the Flux Kustomization's targetNamespace) and the component ships the shared tree. Only one
 * component per namespace may do this; see {@link assertOnePolicyOwnerPerNamespace}.
 * Idempotent; returns a new component and leaves the input untouched.
 */
export function withBaselineNetworkPolicy<S extends string>(component: Component<S>): Component<S> {
  if (namespacesWithoutBaseline.includes(component.namespace)) {
    throw new UserError(
      `component ${showValue(component.name)}: the baseline network policy cannot be switched on in namespace ${showValue(component.namespace)} (it would cut every namespace off cluster DNS)`,
    );
  }
  if (usesBaselineNetworkPolicy(component)) return component;
  const [first, ...rest] = component.stages;
  if (!first) throw new UserError(`component ${showValue(component.name)}: has no stages to carry the baseline network policy`);
  const withPolicies: Stage<S> = { ...first, kustomizeComponents: [...(first.kustomizeComponents ?? []), baselineComponentName] };
  const shared = component.shared ?? [];
  return {
    ...component,
    stages: [withPolicies, ...rest],
    shared: shared.some((tree) => tree.type === "component" && tree.name === baselineComponentName) ? shared : [...shared, baselineNetworkPolicyTree()],
  };
}

/**
 * Two Flux Kustomizations applying the same policies to one namespace would fight over them
 * (each prunes what the other applies), and core's duplicate-resource check cannot see objects
 * that arrive through a kustomize Component. Call this on a cluster's components.
 * @throws UserError naming every namespace with more than one owner and the competing components.
 */
export function assertOnePolicyOwnerPerNamespace(components: readonly Component[], cluster?: string): void {
  const owners = new Map<string, string[]>();
  for (const component of components.filter(usesBaselineNetworkPolicy)) {
    owners.set(component.namespace, [...(owners.get(component.namespace) ?? []), component.name]);
  }
  const problems = [...owners]
    .filter(([, names]) => names.length > 1)
    .map(([namespace, names]) => `namespace ${showValue(namespace)}: ${names.map((n) => showValue(n)).join(", ")}`);
  if (problems.length > 0) {
    throw new UserError(
      `${cluster ? `cluster ${cluster}: ` : ""}the baseline network policy is switched on by more than one component per namespace; keep withBaselineNetworkPolicy() on exactly one of them`,
      problems,
    );
  }
}
