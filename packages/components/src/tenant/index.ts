export { tenant, type TenantComponent, type TenantProps, type TenantStage } from "./tenant.js";
export { defaultContainerLimit, defaultContainerRequest, limitRange, resourceQuota, type CpuMemory, type TenantLimits, type TenantQuota } from "./quota.js";
export {
  allowPolicy,
  type AllowPort,
  type FromGatewayRule,
  type FromNamespaceRule,
  type Labels,
  type TenantAllowRule,
  type ToCidrRule,
  type ToFqdnRule,
  type ToNamespaceRule,
} from "./allow.js";
export { ciDeployer, groupBinding, type BuiltInRole } from "./rbac.js";
export { parseQuantity } from "./quantity.js";
export { exampleTenants } from "./examples.js";
export * from "./flows.js";
