import { UserError } from "../errors/index.js";
import { oneClusterDnsProvider } from "./dns.js";
import type { ComposedCluster, CompositionRule } from "./rule.js";
import { storageClassesExist } from "./storage-classes.js";

export type { ComposedCluster, CompositionRule } from "./rule.js";
export { oneClusterDnsProvider } from "./dns.js";
export { clusterStorageClasses, storageClassesExist, storageClassReferences, type StorageClassReference } from "./storage-classes.js";

/** Every composition rule, run by `defineCluster` on the components a cluster is built from. */
export const compositionRules: readonly CompositionRule[] = [oneClusterDnsProvider, storageClassesExist];

/** Runs every composition rule; throws one UserError listing every problem of the cluster. */
export function checkComposition(cluster: ComposedCluster, rules: readonly CompositionRule[] = compositionRules): void {
  const problems = rules.flatMap((rule) => rule(cluster));
  if (problems.length > 0) {
    throw new UserError(`cluster ${JSON.stringify(cluster.name)} is composed of components that do not fit together (${problems.length} problem${problems.length === 1 ? "" : "s"}):`, problems);
  }
}
