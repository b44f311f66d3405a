import {


  inventoryJsonSchema,
  renderBootstrap,
  renderCluster,
  renderSharedTrees,
  sharedScope,
  UserError,
  type Cluster,
  type ClusterContext,
  type GeneratedFile,
  type Inventory,
} from "@k8s-gitops/core";
import { sopsConfig } from "@k8s-gitops/components/sops";
import { renderTalos } from "@k8s-gitops/talos";
import { appsCluster } from "./apps.js";
import { infraCluster } from "./infra.js";
import { sopsRecipients } from "./sops.js";

/** Which function builds which cluster. A cluster needs an inventory file and an entry here. */
export const clusterBuilders: Readonly<Record<string, (context: ClusterContext) => Cluster>> = {
  infra: infraCluster,
  apps: appsCluster,
};

/** Builds every cluster of the estate from the validated inventories. */
export function buildClusters(inventories: readonly Inventory[]): Cluster[] {
  const unknown = inventories.filter((inv) => !(inv.cluster.name in clusterBuilders));
  if (unknown.length > 0) {
    throw new UserError(
      `no cluster definition for ${unknown.map((inv) => inv.cluster.name).join(", ")} (known: ${Object.keys(clusterBuilders).join(", ")})`,
    );
  }
  return inventories.map((inventory) => clusterBuilders[inventory.cluster.name]!({ inventory, inventories }));
}

export interface EstateOutput {
  readonly clusters: readonly string[];
  readonly files: readonly GeneratedFile[];
}

/**
 * Every file of `generated/` for the given inventories: the Flux trees of each cluster, the
 * shared bases and kustomize components, the phased bootstrap, `.sops.yaml`, the Talos
 * machine-config patches and the inventory JSON Schema for editors.
 * Pure: the CLI decides what to write.
 */
export function renderEstate(inventories: readonly Inventory[]): EstateOutput {
  const clusters = buildClusters(inventories);
  const files: GeneratedFile[] = [
    ...clusters.flatMap((cluster) => renderCluster(cluster)),
    ...renderSharedTrees(clusters),
    ...renderBootstrap({
      clusters: clusters.flatMap((c) => (c.bootstrap ? [{ name: c.name, components: c.components, ...c.bootstrap }] : [])),
    }),
    sopsConfig({ recipients: sopsRecipients }),
    ...clusters.flatMap((cluster) =>
      renderTalos(cluster.inventory, { peerImageMirror: cluster.components.some((c) => c.name === "spegel") }),
    ),
    {
      path: "schemas/inventory.schema.json",
      content: `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`,
      scope: sharedScope,
    },
  ];
  return { clusters: clusters.map((c) => c.name), files };
}


