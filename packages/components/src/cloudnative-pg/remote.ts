import { defineComponent, UserError, showValue, type ClusterContext, type Component } from "@k8s-gitops/core";
import type { PostgresEndpoints, ServiceEndpoint } from "./endpoints.js";
import { globalServiceStub, serviceHost, type GlobalServiceRef } from "./global-service.js";

/** The endpoints a cluster without the database sees: the global Services, reached over ClusterMesh. */
export interface RemotePostgresEndpoints {
  readonly rw: ServiceEndpoint;
  readonly pooler?: ServiceEndpoint;
  readonly databases: PostgresEndpoints["databases"];
}

export type RemotePostgresComponent = Component<"app"> & { readonly endpoints: RemotePostgresEndpoints };

const local = (ref: GlobalServiceRef): ServiceEndpoint => ({
  host: serviceHost(ref.namespace, ref.name),
  port: ref.port,
  service: ref.name,
  namespace: ref.namespace,
});

/**
 * The consuming side of a global Postgres (e.g. `sharedPostgres` on infra, used from apps): the
 * selector-less twins of its global Services, so Cilium routes their names to the other cluster.
 * Consumers read the returned endpoints; the database Secrets come from the same 1Password items
 * through `databaseSecret`.
 */
export function remotePostgres(context: ClusterContext, postgres: { readonly name: string; readonly endpoints: PostgresEndpoints }): RemotePostgresComponent {
  const global = postgres.endpoints.global;
  const where = `remotePostgres ${showValue(postgres.name)}`;
  if (!global) throw new UserError(`${where}: the Postgres cluster has no global Services; build it with globalService: true`);
  if (global.rw.cluster === context.inventory.cluster.name) {
    throw new UserError(`${where}: the database already runs on cluster ${showValue(global.rw.cluster)}; use its endpoints directly`);
  }
  const refs = [global.rw, ...(global.pooler ? [global.pooler] : [])];
  const component = defineComponent({
    name: `${postgres.name}-remote`,
    namespace: global.rw.namespace,
    area: "infrastructure",
    category: "databases",
    stages: [{ name: "app", resources: refs.map(globalServiceStub) }],
  });
  return {
    ...component,
    endpoints: { rw: local(global.rw), ...(global.pooler ? { pooler: local(global.pooler) } : {}), databases: postgres.endpoints.databases },
  };
}
