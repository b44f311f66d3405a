import { showValue } from "../../errors/index.js";
import type { FieldPath, FieldRef, Finding } from "../finding.js";
import type { Inventory } from "../types.js";

/** A schema-valid inventory and the source it came from. */
export interface SourcedInventory {
  readonly source: number;
  readonly inventory: Inventory;
}

/** A cross-field check over all valid inventories; pure, returns findings instead of throwing. */
export type Rule = (clusters: readonly SourcedInventory[]) => Finding[];

/** A finding inside one cluster; `related` is a path in the same cluster. */
export interface ClusterFinding {
  readonly path: FieldPath;
  readonly message: string;
  readonly related?: FieldPath;
}

/** Lifts a check of one inventory into a rule over all of them. */
export function perCluster(check: (inventory: Inventory) => ClusterFinding[]): Rule {
  return (clusters) =>
    clusters.flatMap(({ source, inventory }) =>
      check(inventory).map(({ path, message, related }) => ({
        source,
        path,
        message,
        ...(related === undefined ? {} : { related: { source, path: related } }),
      })),
    );
}

/** A value that must be unique, and where it is written. */
export interface Keyed {
  readonly ref: FieldRef;
  readonly key: string;
  readonly value: unknown;
}

/**
 * Reports every entry whose key was already used by an earlier entry, pointing back at the first.
 * Entries are expected in source and document order, so the later occurrence is the one flagged.
 */
export function duplicates(entries: readonly Keyed[], what: string): Finding[] {
  const first = new Map<string, Keyed>();
  const findings: Finding[] = [];
  for (const entry of entries) {
    const earlier = first.get(entry.key);
    if (earlier === undefined) first.set(entry.key, entry);
    else findings.push({ ...entry.ref, message: `${showValue(entry.value)} duplicates ${what}`, related: earlier.ref });
  }
  return findings;
}
