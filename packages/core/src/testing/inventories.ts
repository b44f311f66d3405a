import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClusterContext } from "../cluster/index.js";
import { parseInventories, type Inventory } from "../inventory/index.js";
import { findRepoRoot } from "../schemas/index.js";
import { deepFreeze } from "./freeze.js";

/**
 * The estate's real inventories (packages/clusters/<name>/inventory.yaml), for tests of
 * components and Talos patches. Read by path, so lower packages need no dependency on
 * @k8s-gitops/clusters.
 */
export function fixtureInventories(): Inventory[] {
  const root = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
  if (!root) throw new Error("cannot find the repository root");
  const sources = ["infra", "apps"].map((name) => {
    const path = join(root, "packages", "clusters", name, "inventory.yaml");
    return { path: `packages/clusters/${name}/inventory.yaml`, text: readFileSync(path, "utf8") };
  });
  // Parsed once per worker while the files are unchanged (components' tests asked for them in
  // every file: 5 s of YAML parsing), and frozen: a test that changed the shared inventories would
  // change every later test's input, so it fails at the assignment instead.
  const key = JSON.stringify(sources);
  if (parsed?.key !== key) parsed = { key, inventories: deepFreeze(parseInventories(sources)) };
  return [...parsed.inventories];
}

let parsed: { readonly key: string; readonly inventories: readonly Inventory[] } | undefined;

/** A ClusterContext for one of the fixture clusters (`infra` or `apps`). */
export function fixtureContext(cluster: "infra" | "apps" = "infra"): ClusterContext {
  const inventories = fixtureInventories();
  const inventory = inventories.find((inv) => inv.cluster.name === cluster);
  if (!inventory) throw new Error(`no fixture inventory for ${cluster}`);
  return { inventory, inventories };
}
