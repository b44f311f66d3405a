import {
  defineComponent,
  merge,
  repositoryChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
} from "@k8s-gitops/core";
import { clusterLocalVolumePath } from "./local-volume.js";
import { hostpathStorageClass } from "./storage-class.js";
import { defaultValues, type OpenebsValues } from "./values.js";

export { clusterLocalVolumePath, localVolumePath } from "./local-volume.js";
export { hostpathStorageClass, hostpathStorageClassName } from "./storage-class.js";
export type { OpenebsValues } from "./values.js";

/** One pin, one place. The upstream Helm repository. */
export const chart = repositoryChart("openebs", "https://openebs.github.io/openebs", "openebs", "4.4.0");

export type OpenebsStage = "app";

export interface OpenebsProps {
  /** Deep-merged over the defaults (the base path comes from the inventory). */
  readonly values?: DeepPartial<OpenebsValues>;
}

/**
 * OpenEBS LocalPV hostpath on each node's local disk, the Talos user volume mounted at
 * `/var/mnt/<disks.local.mountName>`: fast node-local volumes for replicated databases (CNPG,
 * Dragonfly) that bring their own redundancy.
 */
export function openebs(context: ClusterContext, props: OpenebsProps = {}): Component<OpenebsStage> {
  const values = merge<OpenebsValues>(defaultValues(clusterLocalVolumePath(context.inventory)), props.values);
  return defineComponent({
    name: "openebs",
    namespace: "openebs-system",
    area: "infrastructure",
    category: "storage",
    // The provisioner's helper pods mount host paths.
    namespaceLabels: { "pod-security.kubernetes.io/enforce": "privileged" },
    stages: [
      {
        name: "app",
        releases: [
          {
            name: "openebs",
            chart,
            values,
            // The chart's pre-upgrade hook Job re-annotates the VolumeSnapshot CRDs, which
            // snapshot-controller owns, and deletes the provisioner Deployment; upgrades need neither.
            options: { install: { disableHooks: true }, upgrade: { disableHooks: true } },
          },
        ],
        resources: [hostpathStorageClass(values["localpv-provisioner"].localpv.basePath)],
      },
    ],
  });
}
