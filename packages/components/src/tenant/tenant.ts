import { UserError, defineComponent, showValue, type ClusterContext, type Component, type Ref, type Resource } from "@k8s-gitops/core";
import { withBaselineNetworkPolicy } from "../network-policies/index.js";
import { allowPolicy, allowProblems, type TenantAllowRule } from "./allow.js";
import { defaultContainerLimit, defaultContainerRequest, limitRange, quotaProblems, resourceQuota, type TenantLimits, type TenantQuota } from "./quota.js";
import { ciDeployer, groupBinding } from "./rbac.js";

export type TenantStage = "app";

export interface TenantProps {
  /** Tenant name = namespace = component name: a DNS label of at most 52 characters. */
  readonly name: string;
  readonly quota: TenantQuota;
  /** Container defaults of the LimitRange. @default 100m/128Mi requested, 500m/512Mi limit */
  readonly limits?: TenantLimits;
  /**
   * `baseline`: default deny in both directions plus DNS, the API server and traffic within the
   * namespace (the shared `network-policy-baseline` kustomize Component), and the `allow` rules.
   * `none`: no policy at all.
   */
  readonly networkPolicies: "baseline" | "none";
  /** Extra allowances on top of the baseline. @default [] */
  readonly allow?: readonly TenantAllowRule[];
  /** OIDC groups bound to the built-in `admin` role. @default ["tenant-<name>-admins"] */
  readonly admins?: readonly string[];
  /** OIDC groups bound to `edit`. @default ["tenant-<name>-developers"] */
  readonly developers?: readonly string[];
  /** OIDC groups bound to `view`. @default [] */
  readonly viewers?: readonly string[];
  /** ServiceAccount CI deploys with (bound to `edit`); `false` for none. @default "ci-deployer" */
  readonly ciServiceAccount?: string | false;
  /** Pod Security Standard enforced on the namespace. @default "restricted" */
  readonly podSecurity?: "restricted" | "baseline";
  /** Components the tenant's objects need first (e.g. the cilium component for the policies). @default [] */
  readonly dependsOn?: readonly Ref[];
}

/** What the tenant builder returns: the component plus who administers it. */
export type TenantComponent = Component<TenantStage> & {
  readonly tenant: {
    readonly admins: readonly string[];
    readonly developers: readonly string[];
    readonly ciServiceAccount?: string;
    /** The allowances the tenant was built with (the network flows of the estate are derived from them). */
    readonly allow: readonly TenantAllowRule[];
  };
};

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const platformNamespaces = new Set(["default", "flux-system", "cert-manager", "external-secrets", "observability", "rook-ceph", "openebs-system"]);

function nameProblems(name: string): string[] {
  if (typeof name !== "string" || !dnsLabel.test(name) || name.length > 52) {
    return [`name must be a DNS label (a-z, 0-9, '-', at most 52 characters), got ${showValue(name)}`];
  }
  if (name.startsWith("kube-") || platformNamespaces.has(name)) {
    return [`name ${showValue(name)} is a system or platform namespace; a tenant needs a namespace of its own`];
  }
  return [];
}

function groupProblems(field: string, groups: readonly string[]): string[] {
  return groups.flatMap((group, i) => (typeof group === "string" && group.trim() !== "" ? [] : [`${field}[${i}] must name a group, got ${showValue(group)}`]));
}

/**
 * A tenant: a namespace of its own with a ResourceQuota (no LoadBalancer or NodePort Services
 * unless asked for), container defaults, the built-in admin/edit/view roles bound to its OIDC
 * groups, a CI ServiceAccount, Pod Security Admission labels and, with `baseline`, the shared
 * default-deny network policy plus typed allowances.
 * @throws UserError listing every invalid prop (quota quantities, counts, names, rules).
 */
export function tenant(_context: ClusterContext, props: TenantProps): TenantComponent {
  const { name } = props;
  const limits: Required<TenantLimits> = {
    defaultRequest: props.limits?.defaultRequest ?? defaultContainerRequest,
    default: props.limits?.default ?? defaultContainerLimit,
  };
  const admins = props.admins ?? [`tenant-${name}-admins`];
  const developers = props.developers ?? [`tenant-${name}-developers`];
  const viewers = props.viewers ?? [];
  const ci = props.ciServiceAccount === undefined ? "ci-deployer" : props.ciServiceAccount;
  const allow = props.allow ?? [];
  const problems = [
    ...nameProblems(name),
    ...(props.quota ? quotaProblems(props.quota, limits) : ["quota is required"]),
    ...groupProblems("admins", admins),
    ...groupProblems("developers", developers),
    ...groupProblems("viewers", viewers),
    ...(ci !== false && !dnsLabel.test(ci) ? [`ciServiceAccount must be a DNS label or false, got ${showValue(ci)}`] : []),
    ...(props.networkPolicies !== "baseline" && props.networkPolicies !== "none"
      ? [`networkPolicies must be "baseline" or "none", got ${showValue(props.networkPolicies)}`]
      : []),
    ...(props.networkPolicies === "none" && allow.length > 0
      ? [`allow has ${allow.length} rule(s) but networkPolicies is "none": nothing is denied, so allowances mean nothing; use "baseline"`]
      : []),
    ...allowProblems(allow),
  ];
  if (problems.length > 0) throw new UserError(`tenant ${showValue(name)}: invalid props`, problems);

  const podSecurity = props.podSecurity ?? "restricted";
  const resources: Resource[] = [
    resourceQuota(props.quota),
    limitRange(limits),
    ...(admins.length > 0 ? [groupBinding("tenant-admins", "admin", admins)] : []),
    ...(developers.length > 0 ? [groupBinding("tenant-developers", "edit", developers)] : []),
    ...(viewers.length > 0 ? [groupBinding("tenant-viewers", "view", viewers)] : []),
    ...(ci === false ? [] : ciDeployer(ci, name)),
    ...allow.map(allowPolicy),
  ];
  const component = defineComponent<TenantStage>({
    name,
    namespace: name,
    // Tenant admins get `edit` in their namespace, which covers Flux Kustomizations there; one of
    // those could make kustomize-controller apply anything cluster-wide. Keep them in flux-system.
    kustomizationNamespace: "flux-system",
    area: "workloads",
    category: "tenants",
    namespaceLabels: {
      "pod-security.kubernetes.io/enforce": podSecurity,
      "pod-security.kubernetes.io/audit": podSecurity,
      "pod-security.kubernetes.io/warn": podSecurity,
      "k8s-gitops.io/tenant": name,
    },
    stages: [{ name: "app", dependsOn: [...(props.dependsOn ?? [])], resources }],
  });
  const withPolicies = props.networkPolicies === "baseline" ? withBaselineNetworkPolicy(component) : component;
  return { ...withPolicies, tenant: { admins, developers, ...(ci === false ? {} : { ciServiceAccount: ci }), allow: props.allow ?? [] } };
}
