import { ref, renderCluster, renderSharedTrees, stageObjects, type ClusterContext, type Component, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { cloudnativePg, postgresCluster, type CloudnativePgProps, type PostgresClusterProps } from "./index.js";

export type ClusterName = "infra" | "apps";

/** The operator plus the shared Postgres, as the infra cluster composes them. */
export function databaseCluster(context: ClusterContext, operatorProps: CloudnativePgProps = {}, extra: (operator: Component) => Component[] = () => []) {
  const operator = cloudnativePg(context, operatorProps);
  return { name: context.inventory.cluster.name, components: [operator, ...extra(operator)] };
}

/** Cluster files plus the shared base, which is what Flux sees. */
export function renderWithBases(cluster: { name: string; components: readonly Component[] }): GeneratedFile[] {
  return [...renderCluster(cluster), ...renderSharedTrees([cluster])];
}

export function file(files: readonly GeneratedFile[], suffix: string): GeneratedFile {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no rendered file ends with ${suffix}`);
  return found;
}

export const doc = (files: readonly GeneratedFile[], suffix: string) => parse(file(files, suffix).content);

/** A postgresCluster with the operator ref filled in; the minimum the builder needs. */
export function buildPostgres(cluster: ClusterName | ClusterContext, props: Partial<PostgresClusterProps> = {}) {
  const context = typeof cluster === "string" ? fixtureContext(cluster) : cluster;
  return postgresCluster(context, {
    name: "pg",
    roles: [{ name: "app1" }],
    databases: [{ name: "app1", owner: "app1" }],
    operator: ref(cloudnativePg(context)),
    ...props,
  });
}

/** Resources of the single stage as plain JSON, grouped by kind. */
export function resourcesOf(component: Component): Record<string, any[]> {
  const byKind: Record<string, any[]> = {};
  for (const resource of component.stages.flatMap(stageObjects)) {
    const json = JSON.parse(JSON.stringify(resource));
    byKind[json.kind] = [...(byKind[json.kind] ?? []), json];
  }
  return byKind;
}
