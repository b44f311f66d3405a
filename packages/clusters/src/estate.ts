import {
  checkGitPath,
  defaultGitPath,
  inventoryJsonSchema,
  renderBootstrap,
  renderCluster,
  renderSharedTrees,
  sharedScope,
  UserError,
  type Cluster,
  type GeneratedFile,
  type Inventory,
} from "@k8s-gitops/core";
import { validationWorkflow } from "@k8s-gitops/core/ci";
import { placeholderProblems, renderDocs } from "@k8s-gitops/core/docs";
import { crdsCatalogSchemaLocation, kubernetesVersion, noSchemaAllowList } from "@k8s-gitops/core/schemas";
import { flowsDoc, type Flow } from "@k8s-gitops/components/network-flows";
import { sopsConfig } from "@k8s-gitops/components/sops";
import { renderTalos } from "@k8s-gitops/talos";
import { appsCluster, appsNeeds } from "./apps.js";
import { estateFlows, withNetworkFlows } from "./flows.js";
import { infraCluster } from "./infra.js";
import { policyAuditMode } from "@k8s-gitops/platform";
import { sopsRecipients } from "./sops.js";

/** The clusters of the estate, in build order: apps consumes what infra exports. */
export const clusterNames = ["infra", "apps"] as const;

export interface EstateOptions {
  /**
   * Folder of the output in its Git repository (`pnpm generate --git-path`): `generated` here,
   * `""` when the output is published as a repository of its own. @default "generated"
   */
  readonly gitPath?: string;
}

/** Builds every cluster of the estate from the validated inventories: infra first, then apps. */
export function buildClusters(inventories: readonly Inventory[], options: EstateOptions = {}): Cluster[] {
  const gitPath = checkGitPath(options.gitPath ?? defaultGitPath);
  const find = (name: string): Inventory => {
    const inventory = inventories.find((inv) => inv.cluster.name === name);
    if (!inventory) throw new UserError(`the estate needs an inventory for cluster ${JSON.stringify(name)} (found: ${inventories.map((i) => i.cluster.name).join(", ")})`);
    return inventory;
  };
  const extra = inventories.filter((inv) => !(clusterNames as readonly string[]).includes(inv.cluster.name));
  if (extra.length > 0) {
    throw new UserError(`no cluster definition for ${extra.map((inv) => inv.cluster.name).join(", ")} (known: ${clusterNames.join(", ")})`);
  }
  const appsContext = { inventory: find("apps"), inventories, gitPath };
  const infra = infraCluster({ inventory: find("infra"), inventories, gitPath }, appsNeeds(appsContext));
  const apps = appsCluster(appsContext, infra.exports);
  const flows = estateFlows(infra, apps, infra.exports);
  return [withNetworkFlows(infra, flows), withNetworkFlows(apps, flows)];
}

export interface EstateOutput {
  readonly clusters: readonly string[];
  readonly files: readonly GeneratedFile[];
}

/**
 * Every file of `generated/` for the given inventories: the Flux trees of each cluster, the
 * shared bases and kustomize components, the phased bootstrap, `.sops.yaml`, the Talos
 * machine-config patches, the inventory JSON Schema for editors, the docs and the CI workflow
 * that validates the generated repository on its own.
 * Pure: the CLI decides what to write.
 */
export function renderEstate(inventories: readonly Inventory[], options: EstateOptions = {}): EstateOutput {
  const placeholders = placeholderProblems(inventories.map((inventory) => ({ name: inventory.cluster.name, inventory })));
  if (placeholders.length > 0) {
    throw new UserError("the inventories point Flux at a real repository but still hold example values: replace them (generated/docs/runbook.md, \"Make it yours\")", placeholders);
  }
  return renderClusters(buildClusters(inventories, options));
}

/**
 * The one gitPath of a list of clusters (each carries the one its context had). Clusters that
 * disagree would sync paths of different repositories layouts: refused.
 */
function estateGitPath(clusters: readonly Cluster[]): string {
  const paths = [...new Set(clusters.map((c) => c.gitPath ?? defaultGitPath))];
  if (paths.length > 1) throw new UserError(`the clusters disagree on gitPath (${clusters.map((c) => `${c.name}: ${JSON.stringify(c.gitPath ?? defaultGitPath)}`).join(", ")}); build them with one context gitPath`);
  return paths[0] ?? defaultGitPath;
}

/**
 * The output for already-built clusters. Separate from `renderEstate` so other compositions of
 * clusters (the synthetic benchmark fleet, another repository's estate) render the same way.
 */
export function renderClusters(clusters: readonly Cluster[]): EstateOutput {
  const gitPath = estateGitPath(clusters);
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
    ...renderDocs(clusters),
    ...clusters.flatMap((cluster) => ("flows" in cluster ? [flowsDoc(cluster.name, cluster.flows as readonly Flow[], { auditMode: policyAuditMode[cluster.name] ?? false })] : [])),
    // GitHub runs workflows only from `.github/workflows` at the repository root. That is inside
    // the output only when the output is the repository (gitPath ""); inside another repository
    // (gitPath "generated") the writer must not write outside its folder, and that repository's
    // own CI validates the tree (here: `.ci/run` runs `pnpm verify` on generated/).
    ...(gitPath === ""
      ? [
          validationWorkflow({
            clusters: clusters.map((c) => c.name),
            kubernetesVersion,
            crdSchemaLocations: [crdsCatalogSchemaLocation],
            skipKinds: noSchemaAllowList.map((entry) => entry.kind),
          }),
        ]
      : []),
  ];
  return { clusters: clusters.map((c) => c.name), files };
}
