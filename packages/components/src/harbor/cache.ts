import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { ClusterContext, Ref, Resource, Stage } from "@k8s-gitops/core";
import { adminPort, dragonfly, redisPort, type DragonflyMemory } from "../dragonfly/index.js";

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

function withHarborArgs(resource: Resource): Resource {
  if (resource.kind !== "Dragonfly" || resource.apiVersion !== "dragonflydb.io/v1alpha1") return resource;
  const plain = resource as Resource & { readonly spec: { readonly args: readonly string[] } };
  return { ...plain, spec: { ...plain.spec, args: [...plain.spec.args, ...extraArgs] } } as Resource;
}

/** The labels of the instance's pods, as the builder's PodMonitor selects them. */
function podLabels(resources: readonly Resource[]): Record<string, string> {
  const monitor = resources.find((r) => r.kind === "PodMonitor") as { spec?: { selector?: { matchLabels?: Record<string, string> } } } | undefined;
  const labels = monitor?.spec?.selector?.matchLabels;
  if (!labels) throw new Error("dragonfly() returned no PodMonitor selecting the instance's pods");
  return { ...labels };
}

/**
 * Redis clients of the instance: Harbor's pods (and the instance's own replicas) in this
 * namespace, and the operator, which configures replication on every pod. The builder's metrics
 * policy isolates the pods for ingress, so without this rule nothing could reach the Redis port.
 */
function clientsPolicy(labels: Record<string, string>, operatorNamespace: string): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: `${dragonflyName}-clients` },
    spec: {
      podSelector: { matchLabels: labels },
      policyTypes: ["Ingress"],
      ingress: [
        { from: [{ podSelector: {} }], ports: [{ protocol: "TCP", port: redisPort }] },
        {
          from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": operatorNamespace } } }],
          ports: [
            { protocol: "TCP", port: redisPort },
            { protocol: "TCP", port: adminPort },
          ],
        },
      ],
    },
  });
}

/** The `cache` stage and the `host:port` Harbor's components connect to. */
export function cacheStage<S extends string>(
  context: ClusterContext,
  namespace: string,
  name: S,
  props: HarborCacheProps,
): { readonly stage: Stage<S>; readonly addr: string } {
  const instance = dragonfly(context, {
    name: dragonflyName,
    namespace,
    memory: props.memory ?? "512Mi",
    replicas: props.replicas ?? 2,
    operator: props.operator,
  });
  const [built] = instance.stages;
  if (!built) throw new Error("dragonfly() returned a component without stages");
  const resources = built.resources.map(withHarborArgs);
  return {
    stage: { ...built, name, resources: [...resources, clientsPolicy(podLabels(resources), props.operator.namespace)] },
    addr: `${instance.endpoints.host}:${instance.endpoints.port}`,
  };
}
