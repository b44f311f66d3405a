import { UserError, showValue } from "@k8s-gitops/core";
import type { BucketNeed, DatabaseNeed, Need, Needs, OidcClientNeed } from "./needs.js";

/** The name a need is provisioned under: one database, bucket or client per name. */
export function needName(need: Need): string {
  switch (need.kind) {
    case "database":
      return need.database;
    case "bucket":
      return need.bucket;
    case "oidcClient":
      return need.clientId;
  }
}

/** How errors name a need, e.g. `database "gitlabhq_production"`. */
export function describeNeed(need: Need): string {
  const label = { database: "database", bucket: "bucket", oidcClient: "OIDC client" }[need.kind];
  return `${label} ${showValue(needName(need))}`;
}

const sameNeed = (a: Need, b: Need): boolean => JSON.stringify(a) === JSON.stringify(b);

function merged<N extends Need>(lists: readonly (readonly N[])[], conflicts: string[]): N[] {
  const byName = new Map<string, N>();
  for (const need of lists.flat()) {
    const previous = byName.get(needName(need));
    if (!previous) byName.set(needName(need), need);
    else if (!sameNeed(previous, need)) {
      // One name, two meanings: the provider could honour only one of them, silently.
      conflicts.push(`${describeNeed(need)} is needed by ${previous.consumer} as ${showValue(previous)} and by ${need.consumer} as ${showValue(need)}`);
    }
  }
  return [...byName.values()].sort((a, b) => (needName(a) < needName(b) ? -1 : needName(a) > needName(b) ? 1 : 0));
}

/**
 * Joins the needs of several workloads into one bag, sorted by name. Identical needs (the same
 * workload listed twice) collapse; the same name needed in two different ways is an error.
 */
export function collectNeeds(...bags: readonly Partial<Needs>[]): Needs {
  const conflicts: string[] = [];
  const result: Needs = {
    databases: merged<DatabaseNeed>(bags.map((b) => b.databases ?? []), conflicts),
    buckets: merged<BucketNeed>(bags.map((b) => b.buckets ?? []), conflicts),
    oidcClients: merged<OidcClientNeed>(bags.map((b) => b.oidcClients ?? []), conflicts),
  };
  if (conflicts.length > 0) throw new UserError("collectNeeds: workloads need the same name in different ways:", conflicts);
  return result;
}
