/** Where the list lives, for the messages about stale entries. */
export const valuesAllowListFile = "packages/cli/src/verify/values-allow-list.ts";

/** A value the project sets although Helm shows it changes nothing today, and why it stays. */
export interface ValueAllowListEntry {
  /** Chart name as published (`harbor`). */
  readonly chart: string;
  /** Key path in the release's values, version-independent (`jobservice.jobLoggers`). */
  readonly path: string;
  readonly reason: string;
}

/**
 * Values excused from "every value must matter" (see values-matter.ts). Each needs a reason, e.g.
 * a setting that only matters once another feature is switched on. An entry that excuses nothing
 * while its chart was checked is reported as stale.
 */
export const valuesThatMayNotMatter: readonly ValueAllowListEntry[] = [
  {
    chart: "cilium",
    path: "prometheus.serviceMonitor.trustCRDsExist",
    reason:
      "read only when the cluster does not serve monitoring.coreos.com/v1 (templates/validate.yaml); phase 0 installs that CRD first, so it only guards an install where phase 0 did not run",
  },
  {
    chart: "csi-driver-nfs",
    path: "externalSnapshotter.customResourceDefinitions.enabled",
    reason: "read only when externalSnapshotter.enabled is true; kept false so switching the snapshotter on never installs the VolumeSnapshot CRDs snapshot-controller owns",
  },
  { chart: "ceph-csi-drivers", path: "drivers.nfs.name", reason: "read only once the NFS driver is enabled; the name must then equal the StorageClass provisioner" },
  { chart: "ceph-csi-drivers", path: "drivers.nvmeof.name", reason: "read only once the NVMe-oF driver is enabled; the name must then equal the StorageClass provisioner" },
];
