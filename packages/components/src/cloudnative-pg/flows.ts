import { flow, scrapeFlow, type Flow, type Workload } from "../network-flows/model.js";

/**
 * The instance pods of a CNPG Cluster: the operator labels them `cnpg.io/cluster: <cluster>`
 * (cloudnative-pg `pkg/utils/labels_annotations.go`, ClusterLabelName). Postgres listens on 5432.
 */
export function postgresInstances(cluster: string, namespace: string, name: string): Workload {
  return { cluster, namespace, name, labels: { "cnpg.io/cluster": name } };
}

/** The PgBouncer pods of a CNPG Pooler: labelled `cnpg.io/poolerName: <pooler>` (`pkg/utils/labels_annotations.go`, PgbouncerNameLabel); PgBouncer on 5432, metrics on 9127. */
export function poolerPods(cluster: string, namespace: string, pooler: string): Workload {
  return { cluster, namespace, name: pooler, labels: { "cnpg.io/poolerName": pooler } };
}

export const postgresPort = 5432;
/** The instance manager's status endpoint the operator polls (cloudnative-pg `pkg/management/url`, StatusPort). */
export const instanceStatusPort = 8000;
/** The instances' exporter (`pkg/management/url`, PostgresMetricsPort) and PgBouncer's (PgBouncerMetricsPort). */
export const instanceMetricsPort = 9187;
export const poolerMetricsPort = 9127;

/** The operator Deployment of the cloudnative-pg chart (labels checked with `helm template` of chart 0.x). */
export function cnpgOperator(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "cloudnative-pg", labels: { "app.kubernetes.io/name": "cloudnative-pg" } };
}

/** The plugin-barman-cloud Deployment (labels from `helm template` of chart 0.7.0); gRPC on 9090 (Service barman-cloud). */
export function barmanCloudPlugin(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "plugin-barman-cloud", labels: { "app.kubernetes.io/name": "plugin-barman-cloud", "app.kubernetes.io/instance": "plugin-barman-cloud" } };
}

/** What the chart needs: the operator polls every instance's status port, calls the barman-cloud plugin over gRPC (mTLS) and is scraped on 8080 (PodMonitor cloudnative-pg, port metrics). */
export function cnpgFlows(operator: Workload, instances: Workload, scraper?: Workload): Flow[] {
  const plugin = barmanCloudPlugin(operator.cluster, operator.namespace);
  return [
    flow("cloudnative-pg", operator, instances, [instanceStatusPort], "operator polls the instance manager status"),
    flow("cloudnative-pg", operator, plugin, [9090], "operator calls the barman-cloud plugin (CNPG-I over gRPC)"),
    ...(scraper ? [scrapeFlow("cloudnative-pg", scraper, operator, 8080, { what: "the CNPG operator (PodMonitor cloudnative-pg)" })] : []),
  ];
}

/**
 * Inside one Postgres cluster: replicas stream WAL from the primary and clone it (5432;
 * pg_basebackup, pg_rewind) and the instance managers call each other's status port (8000) during
 * switchover; the pooler's PgBouncer connects to the instances; VMAgent scrapes the instances'
 * exporter (9187) and PgBouncer's (9127) (PodMonitors `<cluster>` and `<pooler>`, port metrics).
 * The ports are the operator's (cloudnative-pg `pkg/management/url`), not a chart's.
 */
export function postgresClusterFlows(owner: string, instances: Workload, poolers: readonly Workload[], scraper: Workload): Flow[] {
  return [
    flow(owner, instances, instances, [postgresPort, instanceStatusPort], "instances replicate (streaming, pg_basebackup, pg_rewind) and their managers coordinate"),
    ...poolers.map((pooler) => flow(owner, pooler, instances, [postgresPort], `PgBouncer of ${pooler.name} connects to the instances`)),
    scrapeFlow(owner, scraper, instances, instanceMetricsPort, { what: `the ${instances.name} instances (PodMonitor ${instances.name})` }),
    ...poolers.map((pooler) => scrapeFlow(owner, scraper, pooler, poolerMetricsPort, { what: `PgBouncer of ${pooler.name} (PodMonitor ${pooler.name})` })),
  ];
}

/** A database client of the shared Postgres, through the Service it addresses. */
export function postgresClientFlow(owner: string, client: Workload, instances: Workload, service: string): Flow {
  return flow(owner, client, instances, [postgresPort], `${owner} uses its database`, service);
}
