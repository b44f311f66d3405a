import {
  defineComponent,
  merge,
  repositoryChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
} from "@k8s-gitops/core";
import { podDisruptionBudget } from "../disruption/index.js";
import { defaultMountOptions, nfsStorageClasses } from "./storage-classes.js";
import { defaultValues, type CsiDriverNfsValues } from "./values.js";

export { defaultMountOptions, nfsDriver, nfsStorageClasses, nfsStorageClassName } from "./storage-classes.js";
export type { CsiDriverNfsValues } from "./values.js";

/** One pin, one place. Upstream publishes the chart only in this Helm repository (raw GitHub). */
export const chart = repositoryChart(
  "csi-driver-nfs",
  "https://raw.githubusercontent.com/kubernetes-csi/csi-driver-nfs/master/charts",
  "csi-driver-nfs",
  "4.13.4",
);

export type CsiDriverNfsStage = "app";

export interface CsiDriverNfsProps {
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<CsiDriverNfsValues>;
  /** Mount options of every NFS StorageClass. @default defaultMountOptions */
  readonly mountOptions?: readonly string[];
}

/**
 * The NFS CSI driver with a StorageClass per export of the inventory's `external.nfs` server
 * (`nfs` for the first export, `nfs-<name>` for the others). Without an NFS server in the
 * inventory only the driver is installed.
 */
export function csiDriverNfs(context: ClusterContext, props: CsiDriverNfsProps = {}): Component<CsiDriverNfsStage> {
  const values = merge(defaultValues, props.values);
  const server = context.inventory.external.nfs;
  return defineComponent({
    name: "csi-driver-nfs",
    namespace: "kube-system",
    area: "infrastructure",
    category: "storage",
    stages: [
      {
        name: "app",
        releases: [{ name: "csi-driver-nfs", chart, values }],
        resources: [
          // The chart has no budget; its controller Deployment selects `app: <controller.name>` (templates/csi-nfs-controller.yaml).
          ...((values.controller?.replicas ?? 1) > 1 ? [podDisruptionBudget({ name: "csi-nfs-controller", matchLabels: { app: "csi-nfs-controller" } })] : []),
          ...(server ? nfsStorageClasses(server, props.mountOptions ?? defaultMountOptions) : []),
        ],
      },
    ],
  });
}
