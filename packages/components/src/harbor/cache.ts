import { append, patch, type ClusterContext, type Ref, type Stage } from "@k8s-gitops/core";
import { dragonflyStage, type DragonflyMemory, type DragonflyResource } from "../dragonfly/index.js";

/** A Dragonfly instance in Harbor's namespace, built with the `dragonfly` builder. */
export interface HarborCacheProps {
  /** The Dragonfly operator, i.e. `ref(dragonflyOperator(ctx))`. */
  readonly operator: Ref;
  /** Dataset limit; sessions, job queues and the registry's blob descriptors are small. @default "512Mi" */
  readonly memory?: DragonflyMemory;
  /** @default 2 (a primary and a replica the operator fails over to) */
  readonly replicas?: number;
}

export const dragonflyName = "harbor-dragonfly";

/**
 * Logical databases Dragonfly keeps (`--dbnum`, Dragonfly's default, stated so a changed default
 * cannot drop the indexes below). Dragonfly serves `SELECT n` for every n below it, also in the
 * builder's `--cluster_mode=emulated`: only a real cluster (`--cluster_mode=yes`) is limited to 0.
 */
export const dragonflyDatabases = 16;

/**
 * The Redis database index of each Harbor component (the chart's defaults). Core must use 0: the
 * session library Harbor uses cannot select another. Separate indexes keep the job queue, the
 * registry's blob cache and Trivy's scan cache apart, as on a real Redis.
 */
export const redisDatabases = { core: 0, jobservice: 1, registry: 2, trivy: 5 } as const;

// Harbor's job service (gocraft/work) runs Lua scripts written for a single Redis, which may touch
// keys they do not declare; Dragonfly refuses such scripts unless told otherwise.
const extraArgs = ["--default_lua_flags=allow-undeclared-keys", `--dbnum=${dragonflyDatabases}`];

/** The `cache` stage and the `host:port` Harbor's components connect to. */
export function cacheStage<S extends string>(
  context: ClusterContext,
  namespace: string,
  name: S,
  props: HarborCacheProps,
): { readonly stage: Stage<S>; readonly addr: string } {
  const { stage, endpoints } = dragonflyStage(context, name, {
    name: dragonflyName,
    namespace,
    memory: props.memory ?? "512Mi",
    replicas: props.replicas ?? 2,
    operator: props.operator,
    // Redis clients are Harbor's pods (and the replicas) in this namespace, and the operator; the
    // builder's metrics policy isolates the pods for ingress, so without it nothing reaches Redis.
    clientsPolicy: true,
  });
  return {
    stage: patch<Stage<S>, DragonflyResource>(stage, { kind: "Dragonfly", apiVersion: "dragonflydb.io/v1alpha1", name: dragonflyName }, { spec: { args: append(...extraArgs) } }),
    addr: `${endpoints.host}:${endpoints.port}`,
  };
}
