import { LimitRange, ResourceQuota } from "kubernetes-models/v1";
import { showValue } from "@k8s-gitops/core";
import { parseQuantity } from "./quantity.js";

export interface CpuMemory {
  /** CPU, e.g. `"4"` or `"500m"`. */
  readonly cpu: string;
  /** Memory, e.g. `"8Gi"`. */
  readonly memory: string;
}

/** The namespace's share of the cluster. */
export interface TenantQuota {
  /** Sum of the requests of all pods. */
  readonly requests: CpuMemory;
  /** Sum of the limits of all pods; at least the requests. */
  readonly limits: CpuMemory;
  readonly pods: number;
  readonly persistentVolumeClaims: number;
  /** Sum of the requested storage of all claims, e.g. `"100Gi"`. */
  readonly storage: string;
  /** LoadBalancer Services: each takes an address of the shared pool. @default 0 */
  readonly loadBalancers?: number;
  /** NodePort Services: each opens a port on every node. @default 0 */
  readonly nodePorts?: number;
}

/** Defaults the LimitRange gives containers that state no resources (the quota requires them). */
export interface TenantLimits {
  /** @default { cpu: "100m", memory: "128Mi" } */
  readonly defaultRequest?: CpuMemory;
  /** @default { cpu: "500m", memory: "512Mi" } */
  readonly default?: CpuMemory;
}

export const defaultContainerRequest: CpuMemory = { cpu: "100m", memory: "128Mi" };
export const defaultContainerLimit: CpuMemory = { cpu: "500m", memory: "512Mi" };

function checkQuantity(field: string, value: unknown, problems: string[], positive: boolean): number | undefined {
  const parsed = parseQuantity(value);
  if (parsed === undefined) {
    problems.push(`${field} must be a non-negative Kubernetes quantity such as "2", "500m" or "4Gi", got ${showValue(value)}`);
  } else if (positive && parsed === 0) {
    problems.push(`${field} must be more than zero (nothing could run), got ${showValue(value)}`);
  }
  return parsed;
}

function checkCount(field: string, value: unknown, problems: string[]): void {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) problems.push(`${field} must be a whole number of at least 0, got ${showValue(value)}`);
}

function checkAtMost(field: string, value: number | undefined, bound: number | undefined, boundField: string, problems: string[], shown: [unknown, unknown]): void {
  if (value !== undefined && bound !== undefined && value > bound) {
    problems.push(`${field} (${showValue(shown[0])}) is more than ${boundField} (${showValue(shown[1])})`);
  }
}

/** Every problem of the quota and limits, as `field: reason` lines (empty when valid). */
export function quotaProblems(quota: TenantQuota, limits: Required<TenantLimits>): string[] {
  const problems: string[] = [];
  const values: Record<string, number | undefined> = {};
  for (const kind of ["requests", "limits"] as const) {
    for (const resource of ["cpu", "memory"] as const) {
      values[`${kind}.${resource}`] = checkQuantity(`quota.${kind}.${resource}`, quota[kind]?.[resource], problems, true);
    }
  }
  checkQuantity("quota.storage", quota.storage, problems, false);
  checkCount("quota.pods", quota.pods, problems);
  checkCount("quota.persistentVolumeClaims", quota.persistentVolumeClaims, problems);
  if (quota.loadBalancers !== undefined) checkCount("quota.loadBalancers", quota.loadBalancers, problems);
  if (quota.nodePorts !== undefined) checkCount("quota.nodePorts", quota.nodePorts, problems);
  for (const resource of ["cpu", "memory"] as const) {
    checkAtMost(`quota.requests.${resource}`, values[`requests.${resource}`], values[`limits.${resource}`], `quota.limits.${resource}`, problems, [quota.requests?.[resource], quota.limits?.[resource]]);
    const request = checkQuantity(`limits.defaultRequest.${resource}`, limits.defaultRequest[resource], problems, true);
    const limit = checkQuantity(`limits.default.${resource}`, limits.default[resource], problems, true);
    checkAtMost(`limits.defaultRequest.${resource}`, request, limit, `limits.default.${resource}`, problems, [limits.defaultRequest[resource], limits.default[resource]]);
    // A default above the namespace's whole limit would make every defaulted pod exceed the quota.
    checkAtMost(`limits.default.${resource}`, limit, values[`limits.${resource}`], `quota.limits.${resource}`, problems, [limits.default[resource], quota.limits?.[resource]]);
  }
  return problems;
}

/**
 * The ResourceQuota. LoadBalancer and NodePort Services are counted even when not asked for,
 * with a hard limit of zero, so a tenant never takes addresses or node ports by default.
 */
export function resourceQuota(quota: TenantQuota): ResourceQuota {
  return new ResourceQuota({
    metadata: { name: "tenant-quota" },
    spec: {
      hard: {
        "requests.cpu": quota.requests.cpu,
        "requests.memory": quota.requests.memory,
        "limits.cpu": quota.limits.cpu,
        "limits.memory": quota.limits.memory,
        pods: String(quota.pods),
        persistentvolumeclaims: String(quota.persistentVolumeClaims),
        "requests.storage": quota.storage,
        "services.loadbalancers": String(quota.loadBalancers ?? 0),
        "services.nodeports": String(quota.nodePorts ?? 0),
      },
    },
  });
}

/** Container defaults, so pods that state no resources still fit the quota's accounting. */
export function limitRange(limits: Required<TenantLimits>): LimitRange {
  return new LimitRange({
    metadata: { name: "tenant-defaults" },
    spec: {
      limits: [{ type: "Container", defaultRequest: { ...limits.defaultRequest }, default: { ...limits.default } }],
    },
  });
}
