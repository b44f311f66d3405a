import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError, showValue } from "@k8s-gitops/core/errors";
import { parseInventories, readInventoryFiles, type Inventory } from "@k8s-gitops/core/inventory";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Absolute paths of the inventory files, one per cluster, in ClusterMesh id order. */
export const inventoryPaths: readonly string[] = [
  fileURLToPath(new URL("../infra/inventory.yaml", import.meta.url)),
  fileURLToPath(new URL("../apps/inventory.yaml", import.meta.url)),
];

/** A path relative to the repository root when it lies inside it, for shorter messages. */
function displayPath(path: string): string {
  const shown = relative(repoRoot, path);
  return shown.startsWith("..") ? path : shown.split(sep).join("/");
}

/**
 * Reads and validates all inventories together (some rules span clusters).
 * @param paths inventory files to load. @default inventoryPaths
 * @throws UserError listing every problem of every file, paths relative to the repository root.
 */
export async function loadInventories(paths: readonly string[] = inventoryPaths): Promise<Inventory[]> {
  const sources = await readInventoryFiles(paths, { root: repoRoot });
  return parseInventories(sources.map((source) => ({ ...source, path: displayPath(source.path) })));
}

/**
 * The inventory of one cluster, validated together with all others.
 * @throws UserError when the inventories are invalid or no cluster has that name.
 */
export async function loadInventory(name: string): Promise<Inventory> {
  const inventories = await loadInventories();
  const found = inventories.find((inventory) => inventory.cluster.name === name);
  if (found === undefined) {
    const known = inventories.map((inventory) => showValue(inventory.cluster.name)).join(", ");
    throw new UserError(`unknown cluster ${showValue(name)} (expected one of ${known})`);
  }
  return found;
}
