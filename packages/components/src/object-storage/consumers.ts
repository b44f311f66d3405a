import type { Needs } from "../needs/index.js";
import type { ObjectStorageConsumer } from "./tenants.js";

/** How each consumer of bucket needs is named in the object store and in 1Password. */
export interface ConsumerNaming {
  /** The RGW user owning the consumer's buckets, e.g. `(c) => c.toLowerCase()`. */
  readonly user: (consumer: string) => string;
  /** The 1Password item the consumer reads its S3 keys from (the one passed to the consumer's own builder). */
  readonly credentialsItem: (consumer: string) => string;
}

/**
 * The `consumers` of {@link objectStorageTenants} for a bag of needs: one per workload that needs
 * buckets, holding exactly its buckets, ordered by consumer and then bucket name. Pass the result
 * of `collectNeeds`, so a bucket needed twice in different ways is already refused.
 */
export function consumersFromNeeds(needs: Pick<Needs, "buckets">, naming: ConsumerNaming): ObjectStorageConsumer[] {
  const byConsumer = new Map<string, string[]>();
  for (const need of needs.buckets) byConsumer.set(need.consumer, [...(byConsumer.get(need.consumer) ?? []), need.bucket]);
  return [...byConsumer.keys()].sort().map((consumer) => ({
    consumer,
    user: naming.user(consumer),
    credentialsItem: naming.credentialsItem(consumer),
    buckets: [...new Set(byConsumer.get(consumer))].sort(),
  }));
}
