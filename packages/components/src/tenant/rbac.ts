import { ServiceAccount } from "kubernetes-models/v1";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";

export type BuiltInRole = "admin" | "edit" | "view";

const rbacGroup = "rbac.authorization.k8s.io";

/** Binds one of Kubernetes' built-in aggregated ClusterRoles to groups within the namespace. */
export function groupBinding(name: string, role: BuiltInRole, groups: readonly string[]): RoleBinding {
  return new RoleBinding({
    metadata: { name },
    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: role },
    subjects: groups.map((group) => ({ apiGroup: rbacGroup, kind: "Group", name: group })),
  });
}

/**
 * The account CI pipelines deploy with: `edit` in this namespace only, so a leaked token can
 * neither change RBAC nor reach another tenant. No token Secret: CI requests short-lived tokens.
 */
export function ciDeployer(name: string, namespace: string): [ServiceAccount, RoleBinding] {
  return [
    new ServiceAccount({ metadata: { name } }),
    new RoleBinding({
      metadata: { name },
      roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: "edit" },
      subjects: [{ kind: "ServiceAccount", name, namespace }],
    }),
  ];
}
