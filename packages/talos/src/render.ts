import { emitYaml } from "@k8s-gitops/core/emit";
import { clusterScope, type GeneratedFile } from "@k8s-gitops/core/files";
import type { Inventory } from "@k8s-gitops/core";
import { clusterPatch } from "./cluster-patch.js";
import { nodePatch } from "./node-patch.js";
import { schematicFileContent } from "./schematic.js";
import type { TalosOptions } from "./types.js";
import { parseTalosVersion } from "./version.js";

/** Where the Talos files of a cluster live, relative to the output root. */
export function talosDir(cluster: string): string {
  return `talos/${cluster}`;
}

/**
 * Renders the Talos machine-config patches of one cluster: `talos/<cluster>/cluster.yaml` (shared
 * by all nodes), `talos/<cluster>/nodes/<hostname>.yaml` (one per node) and
 * `talos/<cluster>/schematic.yaml` (Image Factory schematic). Pure; holds no secrets: those come
 * from `talosctl gen secrets` when the patches are turned into machine configs (docs/talos.md).
 */
export function renderTalos(inventory: Inventory, options: TalosOptions = {}): GeneratedFile[] {
  const cluster = inventory.cluster.name;
  const version = parseTalosVersion(inventory.cluster.talosVersion);
  const scope = clusterScope(cluster);
  const dir = talosDir(cluster);
  const source = (what: string): string => `talos ${what} (cluster ${cluster}, Talos ${version.tag})`;
  return [
    { path: `${dir}/cluster.yaml`, scope, content: emitYaml(clusterPatch(inventory, version, options), { source: source("cluster patch") }) },
    ...inventory.nodes.map((node) => ({
      path: `${dir}/nodes/${node.hostname}.yaml`,
      scope,
      content: emitYaml(nodePatch(inventory, node, version), { source: source(`node patch ${node.hostname}`) }),
    })),
    { path: `${dir}/schematic.yaml`, scope, content: schematicFileContent(inventory, version, source("schematic")) },
  ];
}
