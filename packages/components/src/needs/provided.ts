import { UserError } from "@k8s-gitops/core";
import { describeNeed, needName } from "./collect.js";
import type { Need, Needs } from "./needs.js";

/** What a provider component provisions, by name. */
export interface Provided {
  readonly databases: readonly string[];
  readonly buckets: readonly string[];
  readonly oidcClients: readonly string[];
}

/**
 * A provider's component value carries what it provisions, e.g.
 * `Component<"app" | "cluster"> & ProvidesNeeds`.
 */
export interface ProvidesNeeds {
  readonly provided: Provided;
}

/** A consumer's component value carries what it needs. */
export interface HasNeeds {
  readonly needs: Needs;
}

/** How {@link assertProvided} names the provider of each kind of need. */
export interface ProviderNames {
  /** @default "the shared Postgres" */
  readonly databases?: string;
  /** @default "the Ceph object store" */
  readonly buckets?: string;
  /** @default "Keycloak" */
  readonly oidcClients?: string;
}

const defaultProviderNames: Required<ProviderNames> = {
  databases: "the shared Postgres",
  buckets: "the Ceph object store",
  oidcClients: "Keycloak",
};

/** A complete {@link Provided} from a partial one (a provider of one kind lists only that kind). */
export function providedBag(bag: Partial<Provided> = {}): Provided {
  return { databases: [...(bag.databases ?? [])], buckets: [...(bag.buckets ?? [])], oidcClients: [...(bag.oidcClients ?? [])] };
}

/**
 * Joins what several providers provision, e.g. `collectProvided(postgres, objectStore, keycloak)`:
 * each argument is a component value with `provided`, or a bare partial bag.
 */
export function collectProvided(...sources: readonly ({ readonly provided: Partial<Provided> } | Partial<Provided>)[]): Provided {
  const bags = sources.map((s): Partial<Provided> => ("provided" in s ? s.provided : s));
  const union = (pick: (b: Partial<Provided>) => readonly string[] | undefined) => [...new Set(bags.flatMap((b) => pick(b) ?? []))].sort();
  return { databases: union((b) => b.databases), buckets: union((b) => b.buckets), oidcClients: union((b) => b.oidcClients) };
}

/** The needs no provider provisions, in the order of the bag (databases, buckets, clients). */
export function danglingNeeds(needs: Needs, provided: Partial<Provided>): Need[] {
  const has = (names: readonly string[] | undefined) => new Set(names ?? []);
  const databases = has(provided.databases);
  const buckets = has(provided.buckets);
  const clients = has(provided.oidcClients);
  return [
    ...needs.databases.filter((n) => !databases.has(needName(n))),
    ...needs.buckets.filter((n) => !buckets.has(needName(n))),
    ...needs.oidcClients.filter((n) => !clients.has(needName(n))),
  ];
}

const kindKey = { database: "databases", bucket: "buckets", oidcClient: "oidcClients" } as const;

/**
 * Asserts that every database, bucket and OIDC client a workload needs is provisioned by the
 * component that owns it, so no workload points at something nobody creates. Throws one
 * UserError listing every dangling need, e.g.
 * `GitLab needs database "gitlabhq_production" but the shared Postgres does not provision it`.
 */
export function assertProvided(needs: Needs, provided: Partial<Provided>, providerNames: ProviderNames = {}): void {
  const names = { ...defaultProviderNames, ...providerNames };
  const problems = danglingNeeds(needs, provided).map(
    (need) => `${need.consumer} needs ${describeNeed(need)} but ${names[kindKey[need.kind]]} does not provision it`,
  );
  if (problems.length > 0) {
    throw new UserError(`${problems.length} workload need(s) are not provisioned by the component that owns them (dangling references):`, problems);
  }
}
