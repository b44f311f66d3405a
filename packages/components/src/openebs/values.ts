/** The openebs chart values this project sets; the chart accepts many more. */
export interface OpenebsValues {
  "localpv-provisioner": {
    analytics: { enabled: boolean };
    localpv: { basePath: string; image: { registry: string } };
    helperPod: { image: { registry: string } };
    hostpathClass: { enabled: boolean };
  };
  "openebs-crds": { csi: { volumeSnapshots: { enabled: boolean; keep: boolean } } };
  "zfs-localpv": { enabled: boolean };
  "lvm-localpv": { enabled: boolean };
  mayastor: { enabled: boolean };
  engines: {
    local: { lvm: { enabled: boolean }; zfs: { enabled: boolean } };
    replicated: { mayastor: { enabled: boolean } };
  };
  loki: { enabled: boolean };
  alloy: { enabled: boolean };
  minio: { enabled: boolean };
  [key: string]: unknown;
}

/** Only the LocalPV hostpath provisioner; every other engine and the bundled log stack are off. */
export function defaultValues(basePath: string): OpenebsValues {
  return {
    "localpv-provisioner": {
      analytics: { enabled: false },
      // quay.io carries the same images without Docker Hub's pull limits.
      localpv: { basePath, image: { registry: "quay.io/" } },
      helperPod: { image: { registry: "quay.io/" } },
      // The StorageClass is written by the component, typed and validated like every other object.
      hostpathClass: { enabled: false },
    },
    // snapshot-controller owns the VolumeSnapshot CRDs.
    "openebs-crds": { csi: { volumeSnapshots: { enabled: false, keep: false } } },
    "zfs-localpv": { enabled: false },
    "lvm-localpv": { enabled: false },
    mayastor: { enabled: false },
    engines: { local: { lvm: { enabled: false }, zfs: { enabled: false } }, replicated: { mayastor: { enabled: false } } },
    loki: { enabled: false },
    alloy: { enabled: false },
    minio: { enabled: false },
  };
}
