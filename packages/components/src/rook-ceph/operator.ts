import {
  defineComponent,
  merge,
  ociChart,
  repositoryChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
} from "@k8s-gitops/core";
import { privilegedNamespace, rookNamespace } from "./names.js";
import { defaultCsiDriversValues, defaultOperatorValues, type CephCsiDriversValues, type RookCephOperatorValues } from "./operator-values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://ghcr.io/rook/rook-ceph", "v1.20.6");

/**
 * The Ceph-CSI drivers chart Rook v1.20 requires next to the operator (Rook no longer deploys
 * the drivers). Upstream publishes it only as a classic Helm repository.
 */
export const csiDriversChart = repositoryChart("ceph-csi-operator", "https://ceph.github.io/ceph-csi-operator", "ceph-csi-drivers", "1.0.4");

/** Name of the cluster-agnostic base holding the operator release (`kubernetes/bases/rook-ceph-operator`). */
export const operatorBase = "rook-ceph-operator";

export type RookCephOperatorStage = "app" | "csi";

export interface RookCephOperatorProps {
  /**
   * Deep-merged over the operator chart defaults. The release lives in a base shared by every
   * cluster, so an override must be the same on every cluster that runs the operator.
   */
  readonly values?: DeepPartial<RookCephOperatorValues>;
  /** Deep-merged over the Ceph-CSI drivers chart defaults. */
  readonly csiValues?: DeepPartial<CephCsiDriversValues>;
}

/**
 * The Rook operator (a reusable base, identical on every cluster; it ships the ceph.rook.io CRDs
 * and the ceph-csi-operator), then the Ceph-CSI drivers. A Ceph cluster depends on the whole
 * component (`ref(operator)`), i.e. on the drivers, so its StorageClasses work from the start.
 */
export function rookCephOperator(_context: ClusterContext, props: RookCephOperatorProps = {}): Component<RookCephOperatorStage> {
  const values = merge(defaultOperatorValues, props.values);
  const csiValues = merge(defaultCsiDriversValues, props.csiValues);
  return defineComponent({
    name: "rook-ceph",
    namespace: rookNamespace,
    area: "infrastructure",
    category: "storage",
    namespaceLabels: privilegedNamespace,
    shared: [{ type: "base", name: operatorBase, releases: [{ name: "rook-ceph", chart, values }], resources: [] }],
    stages: [
      {
        name: "app",
        resources: [],
        bases: [operatorBase],
        // The release comes from the base, which the renderer does not scan for health checks.
        healthChecks: [{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: "rook-ceph", namespace: rookNamespace }],
      },
      {
        name: "csi",
        releases: [{ name: "ceph-csi-drivers", chart: csiDriversChart, values: csiValues }],
        resources: [],
      },
    ],
  });
}
