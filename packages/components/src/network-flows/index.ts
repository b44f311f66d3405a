export { assertFlows, flow, flowKey, flowProblems, isEntity, peerKey } from "./model.js";
export type { EntityPeer, Flow, FlowEntity, FlowPeer, FlowPort, HttpRule, Workload } from "./model.js";
export { clusterLabel, defaultDenyPolicy, flowPolicies, flowsComponentName, namespaceLabel, networkFlows, workloadSelector } from "./policies.js";
export type { NetworkFlowsProps } from "./policies.js";
export { evaluate } from "./evaluate.js";
export type { ClusterPolicies, Connection, End, EndpointPeer, EntityEnd, Verdict } from "./evaluate.js";
