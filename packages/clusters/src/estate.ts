import { defineEstate, renderClusters as renderEstateClusters, renderEstate as renderWith, type EstateContext, type EstateOutput, type RenderEstateOptions } from "@k8s-gitops/platform";
import { UserError, type Cluster, type Inventory } from "@k8s-gitops/core";
import { estateContext } from "@k8s-gitops/platform";
import { appsCluster, appsNeeds } from "./apps.js";
import { estateFlows, withNetworkFlows } from "./flows.js";
import { infraCluster } from "./infra.js";
import { policyAuditMode } from "./audit.js";
import { sopsRecipients } from "./sops.js";

export type { EstateOutput } from "@k8s-gitops/platform";

/** The clusters of the estate, in build order: apps consumes what infra exports. */
export const clusterNames = ["infra", "apps"] as const;

/** Builds every cluster of the estate: infra first (with what apps needs from it), then apps. */
export function buildEstateClusters(estate: EstateContext): Cluster[] {
  const extra = estate.inventories.filter((inv) => !(clusterNames as readonly string[]).includes(inv.cluster.name));
  if (extra.length > 0) {
    throw new UserError(`no cluster definition for ${extra.map((inv) => inv.cluster.name).join(", ")} (known: ${clusterNames.join(", ")})`);
  }
  const appsContext = estate.context("apps");
  const infra = infraCluster(estate.context("infra"), appsNeeds(appsContext));
  const apps = appsCluster(appsContext, infra.exports);
  const flows = estateFlows(infra, apps, infra.exports);
  return [withNetworkFlows(infra, flows), withNetworkFlows(apps, flows)];
}

/**
 * This repository's estate; `k8s-gitops.config.ts` beside this package exports it, so
 * `k8s-gitops generate` (and `pnpm generate`) render it like any other estate.
 */
export const estate = defineEstate({
  inventories: ["infra/inventory.yaml", "apps/inventory.yaml"],
  clusters: buildEstateClusters,
  sops: { recipients: sopsRecipients },
  gitPath: "generated",
  outDir: "../../generated",
  policyAuditMode,
});

export type EstateOptions = RenderEstateOptions;

/** The clusters of the estate built from the given inventories (tests, benchmarks). */
export function buildClusters(inventories: readonly Inventory[], options: EstateOptions = {}): Cluster[] {
  return buildEstateClusters(estateContext(inventories, options.gitPath ?? estate.gitPath));
}

/** Every file of generated/ for the given inventories (tests, benchmarks). */
export function renderEstate(inventories: readonly Inventory[], options: EstateOptions = {}): EstateOutput {
  return renderWith(estate, inventories, options);
}

/** The output of already-built clusters with this estate's SOPS recipients (the benchmark fleet). */
export function renderClusters(clusters: readonly Cluster[]): EstateOutput {
  return renderEstateClusters(clusters, { sopsRecipients: estate.sops.recipients, policyAuditMode: estate.policyAuditMode });
}
