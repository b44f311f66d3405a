import { defineCluster, type Cluster, type ClusterContext } from "@k8s-gitops/core";
import type { InfraExports } from "./infra.js";
import { platform, platformBootstrap } from "./platform.js";
import { storage } from "./storage.js";

/** The apps cluster: GitLab, runners, Harbor, Kafka and the tenants; databases and identity come from infra. */
export function appsCluster(context: ClusterContext, _infra: InfraExports): Cluster {
  return defineCluster(context, (ctx) => {
    const base = platform(ctx);
    const disks = storage(ctx, base);
    return { components: [...Object.values(base), ...Object.values(disks)], bootstrap: platformBootstrap(ctx, base) };
  });
}
