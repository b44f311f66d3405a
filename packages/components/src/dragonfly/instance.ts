import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { defineComponent, UserError, showValue, type ClusterContext, type Component, type PlainResource, type Ref, type Stage } from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { externalSecret } from "../external-secrets/index.js";

/** Pinned Dragonfly release; a new version is a reviewed change. */
// renovate: datasource=docker depName=ghcr.io/dragonflydb/dragonfly
export const defaultImage = "ghcr.io/dragonflydb/dragonfly:v1.40.1";

/** The Redis protocol port of the Service the operator creates (named after the instance). */
export const redisPort = 6379;
/**
 * The operator starts Dragonfly with `--admin_port=9999 --admin_nopass --primary_port_http_enabled=false`,
 * so metrics are served only on this port (named `admin`), without a password.
 */
export const adminPort = 9999;

/** A binary memory size; Dragonfly reads `1Gi` as 1 GiB, exactly as Kubernetes does. */
export type DragonflyMemory = `${number}Mi` | `${number}Gi`;

/** Who may scrape the admin port (it needs no password, so the operator's NetworkPolicy closes it). */
export interface MetricsScraper {
  readonly namespace: string;
  /** Labels of the scraper pods. @default any pod of the namespace */
  readonly podLabels?: Readonly<Record<string, string>>;
}

export interface DragonflyProps {
  /** Instance name; also the name of its Service. */
  readonly name: string;
  /** @default "databases" */
  readonly namespace?: string;
  /** Pods in total: one master, the rest replicas the operator fails over to. @default 2 */
  readonly replicas?: number;
  /** Dataset limit (`--maxmemory`); the container's memory limit adds {@link memoryHeadroomPercent}. */
  readonly memory: DragonflyMemory;
  /** Memory above `maxmemory` for connections, replication buffers and snapshots. @default 25 */
  readonly memoryHeadroomPercent?: number;
  /** `--proactor_threads`: I/O threads, each also a shard of the keyspace. @default 2 */
  readonly threads?: number;
  /** CPU request. @default 100m per thread */
  readonly cpu?: string;
  /** Require a password: field `password` of this 1Password item. @default no password */
  readonly auth?: { readonly item: string };
  /** Periodic snapshots to a volume, reloaded on restart. @default none (a pure cache) */
  readonly snapshot?: { readonly size: string; readonly cron?: string; readonly storageClass?: string };
  /** @default {@link defaultImage} */
  readonly image?: string;
  /** Scrapers allowed on the admin port, or `false` for none. @default { namespace: "observability", podLabels: { "app.kubernetes.io/name": "vmagent" } } */
  readonly metricsScraper?: MetricsScraper | false;
  /** The operator component, i.e. `ref(dragonflyOperator(...))`. */
  readonly operator: Ref;
  /** More components to wait for (e.g. the secret store when `auth` is set). @default [] */
  readonly dependsOn?: readonly Ref[];
  /**
   * A NetworkPolicy `<name>-clients` admitting the Redis port from every pod of the instance's
   * namespace, and the Redis and admin ports from the operator's namespace (it configures
   * replication on every pod). Needed when another policy (the metrics one) isolates the pods.
   * @default false
   */
  readonly clientsPolicy?: boolean;
}

/** How consumers reach the instance. */
export interface DragonflyEndpoint {
  readonly host: string;
  readonly port: number;
  readonly service: string;
  readonly namespace: string;
  /** The password Secret (in the instance's namespace) and its 1Password item, when auth is on. */
  readonly password?: { readonly secret: string; readonly key: "password"; readonly item: string };
}

export type DragonflyComponent = Component<"app"> & { readonly endpoints: DragonflyEndpoint };

/** The fields of dragonflydb.io/v1alpha1 Dragonfly this project sets (no kubernetes-models package exists). */
export interface DragonflySpec {
  readonly image: string;
  readonly replicas: number;
  readonly args: readonly string[];
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
  readonly topologySpreadConstraints: readonly Record<string, unknown>[];
  readonly authentication?: { readonly passwordFromSecret: { readonly name: string; readonly key: string } };
  readonly snapshot?: {
    readonly cron: string;
    readonly persistentVolumeClaimSpec: {
      readonly accessModes: readonly string[];
      readonly resources: { readonly requests: { readonly storage: string } };
      readonly storageClassName: string;
    };
  };
}

export interface DragonflyResource extends PlainResource {
  readonly apiVersion: "dragonflydb.io/v1alpha1";
  readonly kind: "Dragonfly";
  readonly spec: DragonflySpec;
}

const memoryPattern = /^([1-9][0-9]*)(Mi|Gi)$/;
const sizePattern = /^[1-9][0-9]*(Mi|Gi|Ti)$/;

function checkProps(props: DragonflyProps): number {
  const problems: string[] = [];
  const match = memoryPattern.exec(props.memory);
  if (!match) problems.push(`memory must be a whole number of Mi or Gi (e.g. "1Gi"), got ${showValue(props.memory)}`);
  const positive = (field: string, value: number | undefined, min: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min)) problems.push(`${field} must be a whole number of at least ${min}, got ${showValue(value)}`);
  };
  positive("replicas", props.replicas, 1);
  positive("threads", props.threads, 1);
  positive("memoryHeadroomPercent", props.memoryHeadroomPercent, 0);
  if (props.snapshot && !sizePattern.test(props.snapshot.size)) problems.push(`snapshot.size must be a whole number of Mi, Gi or Ti, got ${showValue(props.snapshot.size)}`);
  if (props.auth && props.auth.item.trim() === "") problems.push(`auth.item must name a 1Password item, got ${showValue(props.auth.item)}`);
  if (problems.length > 0 || !match) throw new UserError(`dragonfly ${showValue(props.name)}: invalid props`, problems);
  return Number(match[1]) * (match[2] === "Gi" ? 1024 : 1);
}

const passwordKey = "password";

/** The Redis clients policy of {@link DragonflyProps.clientsPolicy}. */
function clientsPolicy(name: string, podLabels: Record<string, string>, operatorNamespace: string): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: `${name}-clients` },
    spec: {
      podSelector: { matchLabels: podLabels },
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

/** A Dragonfly instance as one stage of a consumer's component, and how to reach it. */
export interface DragonflyStage<S extends string> {
  readonly stage: Stage<S>;
  readonly endpoints: DragonflyEndpoint;
}

/**
 * A Dragonfly instance as a stage named `stageName` that a consumer (GitLab, Harbor) puts into
 * its own component, so the instance lives in the consumer's namespace and Flux Kustomization.
 */
export function dragonflyStage<S extends string>(_context: ClusterContext, stageName: S, props: DragonflyProps): DragonflyStage<S> {
  const maxMemoryMiB = checkProps(props);
  const namespace = props.namespace ?? "databases";
  const threads = props.threads ?? 2;
  const limitMiB = Math.ceil((maxMemoryMiB * (100 + (props.memoryHeadroomPercent ?? 25))) / 100);
  const podLabels = { app: props.name };
  const secret = `${props.name}-auth`;
  const scraper = props.metricsScraper === undefined ? { namespace: "observability", podLabels: { "app.kubernetes.io/name": "vmagent" } } : props.metricsScraper;

  const instance: DragonflyResource = {
    apiVersion: "dragonflydb.io/v1alpha1",
    kind: "Dragonfly",
    metadata: { name: props.name },
    spec: {
      image: props.image ?? defaultImage,
      replicas: props.replicas ?? 2,
      args: [`--maxmemory=${props.memory}`, `--proactor_threads=${threads}`, "--cluster_mode=emulated"],
      // Memory request = limit: a cache evicted under node pressure takes every client's hit rate with it.
      resources: { requests: { cpu: props.cpu ?? `${threads * 100}m`, memory: `${limitMiB}Mi` }, limits: { memory: `${limitMiB}Mi` } },
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: podLabels } },
      ],
      ...(props.auth ? { authentication: { passwordFromSecret: { name: secret, key: passwordKey } } } : {}),
      ...(props.snapshot
        ? {
            snapshot: {
              cron: props.snapshot.cron ?? "*/15 * * * *",
              persistentVolumeClaimSpec: {
                accessModes: ["ReadWriteOnce"],
                resources: { requests: { storage: props.snapshot.size } },
                storageClassName: props.snapshot.storageClass ?? storageClassNames.hostpath,
              },
            },
          }
        : {}),
    },
  };
  const podMonitor = new PodMonitor({
    metadata: { name: props.name },
    spec: { selector: { matchLabels: podLabels }, podMetricsEndpoints: [{ port: "admin" }] },
  });
  const scrapeAccess = scraper
    ? [
        new NetworkPolicy({
          metadata: { name: `${props.name}-metrics` },
          spec: {
            podSelector: { matchLabels: podLabels },
            policyTypes: ["Ingress"],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": scraper.namespace } },
                    ...(scraper.podLabels ? { podSelector: { matchLabels: { ...scraper.podLabels } } } : {}),
                  },
                ],
                ports: [{ protocol: "TCP", port: adminPort }],
              },
            ],
          },
        }),
      ]
    : [];
  const stage: Stage<S> = {
    name: stageName,
    dependsOn: [props.operator, ...(props.dependsOn ?? [])],
    resources: [
      ...(props.auth ? [externalSecret({ name: secret, item: props.auth.item, keys: [passwordKey] })] : []),
      instance,
      podMonitor,
      ...scrapeAccess,
      ...(props.clientsPolicy ? [clientsPolicy(props.name, podLabels, props.operator.namespace)] : []),
    ],
    healthCheckExprs: [
      {
        apiVersion: "dragonflydb.io/v1alpha1",
        kind: "Dragonfly",
        current: "status.phase == 'ready'",
      },
    ],
  };
  return {
    stage,
    endpoints: {
      host: `${props.name}.${namespace}.svc`,
      port: redisPort,
      service: props.name,
      namespace,
      ...(props.auth ? { password: { secret, key: passwordKey, item: props.auth.item } } : {}),
    },
  };
}

/**
 * A Dragonfly instance (Redis-compatible, emulated cluster mode so cluster-aware clients work)
 * spread over the nodes, with a PodMonitor on its admin port and typed endpoints for consumers.
 */
export function dragonfly(context: ClusterContext, props: DragonflyProps): DragonflyComponent {
  const { stage, endpoints } = dragonflyStage(context, "app", props);
  const component = defineComponent({ name: props.name, namespace: endpoints.namespace, area: "infrastructure", category: "databases", stages: [stage] });
  return { ...component, endpoints };
}
