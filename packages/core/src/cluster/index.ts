import type { BootstrapCluster } from "../bootstrap/index.js";
import type { Component } from "../component/index.js";
import { checkComposition } from "../composition/index.js";
import type { Inventory } from "../inventory/index.js";
import { checkGitPath, defaultGitPath, type ClusterDefinition } from "../render/index.js";

/**
 * What a component builder receives besides its props: the validated inventory of the cluster
 * being built and of every cluster of the estate (ClusterMesh peers, cross-cluster services).
 */
export interface ClusterContext {
  readonly inventory: Inventory;
  readonly inventories: readonly Inventory[];
  /**
   * Folder of the generated tree in its Git repository (`pnpm generate --git-path`), the one
   * setting behind the FluxInstance sync path and every Flux Kustomization's `spec.path`.
   * @default "generated"
   */
  readonly gitPath?: string;
}

/** What a cluster installs before Flux takes over (phases 0 and 1 of the bootstrap). */
export type BootstrapPlan = Omit<BootstrapCluster, "name" | "components">;

/** A cluster: its inventory, the component values it runs and how it is bootstrapped. */
export interface Cluster extends ClusterDefinition {
  readonly inventory: Inventory;
  readonly bootstrap?: BootstrapPlan;
  /** The clusters this one is joined with in ClusterMesh (from the context, so docs draw the real mesh). */
  readonly meshPeers: readonly string[];
  /**
   * Talos' own CoreDNS stays enabled; no component may then provide `"cluster-dns"`.
   * @default false: `@k8s-gitops/talos` disables it and a component (coredns) serves cluster DNS
   */
  readonly keepTalosCoreDns?: boolean;
}

/** What a `defineCluster` builder returns besides a plain list of components. */
export interface ClusterBuild {
  readonly components: readonly Component[];
  readonly bootstrap?: BootstrapPlan;
  /** See {@link Cluster.keepTalosCoreDns}. @default false */
  readonly keepTalosCoreDns?: boolean;
}

/** The other clusters of the estate, in inventory order. */
export function peersOf(context: ClusterContext): Inventory[] {
  return context.inventories.filter((inventory) => inventory.cluster.name !== context.inventory.cluster.name);
}

/**
 * Composes a cluster: `defineCluster(context, (ctx) => [certManager(ctx), cilium(ctx, {...})])`.
 * Builders are plain functions of the context, so the composition reads top to bottom and
 * typed references between components are ordinary variables.
 * The composition rules (`@k8s-gitops/core/composition`) run on the result: a cluster without
 * cluster DNS, or naming a StorageClass nothing creates, is refused here with every problem listed.
 */
export function defineCluster(context: ClusterContext, build: (context: ClusterContext) => readonly Component[] | ClusterBuild): Cluster {
  const built = build(context);
  const { components, bootstrap, keepTalosCoreDns } = Array.isArray(built) ? { components: built, bootstrap: undefined, keepTalosCoreDns: undefined } : (built as ClusterBuild);
  const cluster: Cluster = {
    name: context.inventory.cluster.name,
    inventory: context.inventory,
    components,
    meshPeers: peersOf(context).map((peer) => peer.cluster.name),
    gitPath: checkGitPath(context.gitPath ?? defaultGitPath),
    ...(bootstrap ? { bootstrap } : {}),
    ...(keepTalosCoreDns ? { keepTalosCoreDns } : {}),
  };
  checkComposition(cluster);
  return cluster;
}
