import type { Component } from "../component/index.js";
import type { Inventory } from "../inventory/index.js";

/** A cluster as the composition rules see it: its inventory and every component it runs. */
export interface ComposedCluster {
  readonly name: string;
  readonly inventory: Inventory;
  readonly components: readonly Component[];
  /**
   * Talos' own CoreDNS stays enabled (`cluster.coreDNS.disabled` is not written).
   * @default false: `@k8s-gitops/talos` disables it, so a component must provide cluster DNS
   */
  readonly keepTalosCoreDns?: boolean;
}

/**
 * A check of how a cluster is composed; pure, returns one message per problem instead of
 * throwing, so the cluster build reports every problem at once. Each message names the cluster,
 * the component and field at fault, the value, and the fix.
 */
export type CompositionRule = (cluster: ComposedCluster) => string[];
