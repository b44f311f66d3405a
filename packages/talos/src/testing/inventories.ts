// Test helpers: the real cluster inventories, parsed and validated by the core loader, and a
// structural copy that tests may edit.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import { parseInventories, type Inventory, type InventorySource } from "@k8s-gitops/core";

/** Removes `readonly` at every level, for tests that edit a copy of an inventory. */
export type Mutable<T> = T extends readonly (infer E)[] ? Mutable<E>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;

export const clusterNames = ["infra", "apps"] as const;

const inventoryUrl = (cluster: string): URL => new URL(`../../../clusters/${cluster}/inventory.yaml`, import.meta.url);

/** The inventory files as they are in the repository. */
export function realSources(): InventorySource[] {
  return clusterNames.map((cluster) => ({ path: `clusters/${cluster}/inventory.yaml`, text: readFileSync(inventoryUrl(cluster), "utf8") }));
}

/** Both real inventories, validated together (cross-cluster rules), in `clusterNames` order. */
export function realInventories(sources: readonly InventorySource[] = realSources()): Inventory[] {
  return parseInventories(sources);
}

/** A deep, editable copy of an inventory. */
export function editableCopy(inventory: Inventory): Mutable<Inventory> {
  return structuredClone(inventory) as Mutable<Inventory>;
}

/** Replaces `search`, which must occur exactly once, so an edit never lands in the wrong place. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const count = text.split(search).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(search)}, found ${count}`);
  return text.replace(search, () => replacement);
}

/** The YAML documents of a generated file as plain data. */
export function documentsOf(content: string): Record<string, unknown>[] {
  return parseAllDocuments(content).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join("; "));
    return doc.toJS() as Record<string, unknown>;
  });
}
