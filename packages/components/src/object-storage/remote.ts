import { defineComponent, showValue, UserError, type ClusterContext, type Component } from "@k8s-gitops/core";
import { remoteServiceShadow, type GlobalServiceRef } from "../clustermesh/index.js";
import { remoteComponentName } from "./names.js";

/** The consuming side of the global RGW: its endpoint, unchanged, for the workloads' props. */
export type RemoteObjectStore = Component<"app"> & { readonly endpoints: { readonly s3: GlobalServiceRef } };

/**
 * The selector-less twin of the infra RGW's global Service on another cluster (apps), in the
 * owner's namespace and under the owner's name and port, so Cilium resolves the name to the
 * infra RGW pods. Pass `objectStorageTenants(...).endpoints.s3`.
 */
export function remoteObjectStore(context: ClusterContext, ref: GlobalServiceRef): RemoteObjectStore {
  const cluster = context.inventory.cluster.name;
  if (ref.cluster === cluster) {
    throw new UserError(
      `remoteObjectStore: the object store ${ref.namespace}/${ref.name} already runs on cluster ${showValue(cluster)}; its consumers there use it directly`,
    );
  }
  const component = defineComponent({
    name: remoteComponentName,
    namespace: ref.namespace,
    area: "infrastructure",
    category: "storage",
    stages: [{ name: "app", resources: [remoteServiceShadow(ref)] }],
  });
  return { ...component, endpoints: { s3: ref } };
}
