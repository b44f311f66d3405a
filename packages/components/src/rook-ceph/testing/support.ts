import { ref, renderCluster, renderSharedTrees, type ClusterContext, type Component, type GeneratedFile, type Inventory } from "@k8s-gitops/core";
import { parseAllDocuments } from "yaml";
import { csiDriverNfs } from "../../csi-driver-nfs/index.js";
import { openebs } from "../../openebs/index.js";
import { snapshotController } from "../../snapshot-controller/index.js";
import { rookCephCluster, rookCephOperator, type RookCephClusterProps } from "../index.js";

/** Every Kubernetes document of the rendered YAML files, with the file it came from. */
export function documentsOf(files: readonly GeneratedFile[]): { path: string; doc: Record<string, any> }[] {
  return files
    .filter((f) => f.path.endsWith(".yaml"))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => ({ path: f.path, doc: d.toJS() as Record<string, any> })))
    .filter(({ doc }) => doc !== null && typeof doc === "object" && typeof doc.kind === "string");
}

export const ofKind = (files: readonly GeneratedFile[], kind: string) => documentsOf(files).filter(({ doc }) => doc.kind === kind).map(({ doc }) => doc);

/** The operator, the Ceph cluster and the snapshot-controller it refers to, as a cluster composes them. */
export function rookComponents(context: ClusterContext, props: Partial<RookCephClusterProps> = {}) {
  const snapshots = snapshotController(context);
  const operator = rookCephOperator(context);
  const cluster = rookCephCluster(context, { operator: ref(operator), snapshotController: ref(snapshots), ...props });
  return { snapshots, operator, cluster };
}

/** All four storage components of a cluster. */
export function storageComponents(context: ClusterContext): Component[] {
  const { snapshots, operator, cluster } = rookComponents(context);
  return [snapshots, operator, cluster, openebs(context), csiDriverNfs(context)];
}

/** A cluster's render plus the shared trees (bases) it uses. */
export function renderWithShared(name: string, components: readonly Component[]): GeneratedFile[] {
  const cluster = { name, components };
  return [...renderCluster(cluster), ...renderSharedTrees([cluster])];
}

/** A deep, writable copy of an inventory, for tests that change one value. */
export function mutableCopy(inventory: Inventory): any {
  return structuredClone(inventory);
}

/** A context whose inventory is `inventory`, the estate list updated to match. */
export function withInventory(context: ClusterContext, inventory: Inventory): ClusterContext {
  return {
    inventory,
    inventories: context.inventories.map((i) => (i.cluster.name === inventory.cluster.name ? inventory : i)),
  };
}
