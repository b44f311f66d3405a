export { baselineComponentName, baselineNetworkPolicyTree, baselinePolicies } from "./baseline.js";
export { assertOnePolicyOwnerPerNamespace, namespacesWithoutBaseline, usesBaselineNetworkPolicy, withBaselineNetworkPolicy } from "./opt-in.js";
