import { defineCluster, type Cluster, type ClusterContext } from "@k8s-gitops/core";
import { platform, platformBootstrap } from "./platform.js";

/** The apps cluster: GitLab, runners, Harbor, Kafka and the tenants. */
export function appsCluster(context: ClusterContext): Cluster {
  return defineCluster(context, (ctx) => {
    const base = platform(ctx);
    return { components: Object.values(base), bootstrap: platformBootstrap(ctx, base) };
  });
}
