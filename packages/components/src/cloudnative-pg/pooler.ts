import { Pooler } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Pooler";
import { PodMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor";
import { globalServiceAnnotation } from "./global-service.js";
import type { PostgresNames } from "./names.js";

/** PgBouncer in front of the primary. */
export interface PoolerOptions {
  /** @default 2 */
  readonly instances?: number;
  /**
   * `session` works with every client (prepared statements, advisory locks, `SET`);
   * `transaction` multiplexes harder but breaks clients that rely on session state.
   * @default "session"
   */
  readonly poolMode?: "session" | "transaction";
  /** PgBouncer settings, merged over `max_client_conn: 1000`, `default_pool_size: 20`. */
  readonly parameters?: Readonly<Record<string, string>>;
}

/** The rw Pooler, its pods spread over the nodes, its Service global on request. */
export function pooler(names: PostgresNames, options: PoolerOptions, global: boolean): Pooler {
  const selector = { "cnpg.io/poolerName": names.pooler };
  return new Pooler({
    metadata: { name: names.pooler },
    spec: {
      cluster: { name: names.cluster },
      type: "rw",
      instances: options.instances ?? 2,
      pgbouncer: {
        poolMode: options.poolMode ?? "session",
        parameters: { max_client_conn: "1000", default_pool_size: "20", ...options.parameters },
      },
      template: {
        metadata: { labels: selector },
        spec: {
          // CloudNativePG fills in the pgbouncer container; the template only adds the spread.
          containers: [],
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector } },
          ],
        },
      },
      ...(global ? { serviceTemplate: { metadata: { annotations: { ...globalServiceAnnotation } } } } : {}),
    },
  });
}

/**
 * Explicit PodMonitors: the operator-managed ones (`monitoring.enablePodMonitor`) are deprecated
 * in the CloudNativePG 1.30 CRDs, which say to create them by hand.
 */
export function clusterPodMonitor(names: PostgresNames): PodMonitor {
  return new PodMonitor({
    metadata: { name: names.podMonitor },
    spec: {
      selector: { matchLabels: { "cnpg.io/cluster": names.cluster, "cnpg.io/podRole": "instance" } },
      podMetricsEndpoints: [{ port: "metrics" }],
    },
  });
}

export function poolerPodMonitor(names: PostgresNames): PodMonitor {
  return new PodMonitor({
    metadata: { name: names.poolerPodMonitor },
    spec: {
      selector: { matchLabels: { "cnpg.io/poolerName": names.pooler } },
      podMetricsEndpoints: [{ port: "metrics" }],
    },
  });
}
