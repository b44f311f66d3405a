import type { Component } from "@k8s-gitops/core";
import { flow, type Flow, type Workload } from "../network-flows/model.js";
import { copyJobPods } from "../offsite-backup/flows.js";

/**
 * The off-cluster copy jobs of the tenants component (one per user, see tenants.ts) read the
 * users' buckets from the RGW of the same namespace; the default deny admits no pod-to-pod
 * traffic a flow does not declare. Read from the CronJobs the component renders.
 */
export function offsiteCopyFlows(cluster: string, tenants: Component, objectStore: { readonly pods: Workload; readonly port: number; readonly service: string }): Flow[] {
  const jobs = tenants.stages
    .flatMap((s) => s.resources)
    .filter((r) => (r as { kind?: string }).kind === "CronJob")
    .map((r) => (r as { metadata: { name: string } }).metadata.name);
  return jobs.map((job) =>
    flow(tenants.name, copyJobPods(cluster, tenants.namespace, job), objectStore.pods, [objectStore.port], "the off-cluster copy reads the user's buckets", objectStore.service),
  );
}
