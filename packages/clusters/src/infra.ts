import { certManager } from "@k8s-gitops/components/cert-manager";
import { defineCluster, type Cluster, type ClusterContext } from "@k8s-gitops/core";

/** The infra cluster: platform services (storage, databases, observability, identity). */
export function infraCluster(context: ClusterContext): Cluster {
  return defineCluster(context, (ctx) => [certManager(ctx)]);
}
