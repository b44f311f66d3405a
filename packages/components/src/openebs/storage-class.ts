import { storageClassNames } from "@k8s-gitops/core/conventions";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";

/** The hostpath StorageClass (its name is a platform convention). */
export const hostpathStorageClassName = storageClassNames.hostpath;

/**
 * The node-local hostpath StorageClass, the same one the chart would create, but typed. Not the
 * default (Ceph is). WaitForFirstConsumer: the volume is created on the node the pod lands on.
 */
export function hostpathStorageClass(basePath: string): StorageClass {
  return new StorageClass({
    metadata: {
      name: hostpathStorageClassName,
      annotations: {
        "openebs.io/cas-type": "local",
        "cas.openebs.io/config": `- name: StorageType\n  value: "hostpath"\n- name: BasePath\n  value: ${JSON.stringify(basePath)}\n`,
      },
    },
    provisioner: "openebs.io/local",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  });
}
