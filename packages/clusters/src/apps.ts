import { certManager } from "@k8s-gitops/components/cert-manager";
import { defineCluster, type Cluster, type ClusterContext } from "@k8s-gitops/core";

/** The apps cluster: GitLab, runners, Harbor, Kafka and the tenants. */
export function appsCluster(context: ClusterContext): Cluster {
  return defineCluster(context, (ctx) => [certManager(ctx)]);
}
