import type { Needs } from "./needs.js";

/**
 * The `roles` and `databases` a Postgres cluster must declare to provision these needs (the
 * shape `postgresCluster` takes): one login role per distinct owner, one database per need.
 * Pass the result of {@link collectNeeds}, so conflicting needs are already refused.
 */
export function postgresProvisioning(needs: Pick<Needs, "databases">): {
  readonly roles: readonly { readonly name: string }[];
  readonly databases: readonly { readonly name: string; readonly owner: string }[];
} {
  const owners = [...new Set(needs.databases.map((d) => d.owner))].sort();
  return {
    roles: owners.map((name) => ({ name })),
    databases: needs.databases.map((d) => ({ name: d.database, owner: d.owner })),
  };
}
