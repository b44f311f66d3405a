import { defineCluster, type Cluster, type ClusterContext } from "@k8s-gitops/core";
import { platform, platformBootstrap } from "./platform.js";

/** The infra cluster: platform services (storage, databases, observability, identity). */
export function infraCluster(context: ClusterContext): Cluster {
  return defineCluster(context, (ctx) => {
    const base = platform(ctx);
    return { components: Object.values(base), bootstrap: platformBootstrap(ctx, base) };
  });
}
