import {
  defineComponent,
  merge,
  ociChart,
  UserError,
  showValue,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { exportGlobalService, globalServiceRef, type GlobalServiceRef } from "../clustermesh/index.js";
import type { VictoriaLogsValues } from "./values.js";

export type { VictoriaLogsValues } from "./values.js";

/** The version onedr0p/home-ops runs (components.yaml); the chart ships no values schema. */
export const chart = ociChart("oci://ghcr.io/victoriametrics/helm-charts/victoria-logs-single", "0.13.9");

export type VictoriaLogsStage = "app";

export interface VictoriaLogsProps {
  /** The storage provider (Rook-Ceph cluster) the volume needs. @default no dependency */
  readonly storage?: Ref;
  /** Name of the Service (and StatefulSet). @default "victoria-logs" */
  readonly serviceName?: string;
  /** @default 9428 */
  readonly port?: number;
  /** How long logs are kept: 30 to 90 days. @default "90d" */
  readonly retention?: string;
  /** @default "ceph-block" */
  readonly storageClass?: string;
  /** @default "50Gi" */
  readonly storageSize?: string;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<VictoriaLogsValues>;
}

/** Where log shippers and Grafana find VictoriaLogs, from any cluster. */
export interface VictoriaLogsEndpoints {
  /** JSON-lines ingestion (`/insert/jsonline`), for Fluent Bit. */
  readonly insert: GlobalServiceRef;
  /** The root of the query API, for Grafana's VictoriaLogs data source. */
  readonly query: GlobalServiceRef;
}

export type VictoriaLogsComponent = Component<VictoriaLogsStage> & { readonly endpoints: VictoriaLogsEndpoints };

const retentionDays = /^([0-9]+)d$/;
const quantityGi = /^([0-9]+)Gi$/;

/**
 * Disk for 90 days: 6 nodes × ≈1 GB of container logs per node and day (Cilium, Ceph, Flux and
 * the workloads at info level) ≈ 6 GB/day raw; VictoriaLogs compresses such logs ≈10-15× ⇒
 * ≈0.5 GB/day ⇒ ≈45 GB for 90 days. The disk-usage cap (90 % of the volume) drops the oldest
 * days first if the estimate is too low, instead of letting the volume fill up.
 */
const defaultSize = "50Gi";

function diskCap(size: string): string {
  const gi = quantityGi.exec(size);
  // The chart takes the cap in GiB; 90 % leaves room for merges and the indexes.
  return gi ? `${Math.floor(Number(gi[1]) * 0.9)}GiB` : "";
}

function assertProps(retention: string, size: string, port: number): void {
  const problems: string[] = [];
  const days = retentionDays.exec(retention);
  if (!days || Number(days[1]) < 30 || Number(days[1]) > 90) problems.push(`retention: must be 30d to 90d, got ${showValue(retention)}`);
  if (!quantityGi.test(size)) problems.push(`storageSize: must be whole GiB such as "50Gi", got ${showValue(size)}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`port: must be 1-65535, got ${showValue(port)}`);
  if (problems.length > 0) throw new UserError("victoriaLogs: invalid props", problems);
}

/**
 * VictoriaLogs (single node) on the infra cluster. Its Service is a global ClusterMesh Service
 * with a ClusterIP (the chart's default is headless, which Cilium cannot load-balance), so every
 * cluster's Fluent Bit ships to the same `endpoints.insert`.
 */
export function victoriaLogs(context: ClusterContext, props: VictoriaLogsProps = {}): VictoriaLogsComponent {
  const namespace = "observability";
  const name = props.serviceName ?? "victoria-logs";
  const port = props.port ?? 9428;
  const retention = props.retention ?? "90d";
  const storageSize = props.storageSize ?? defaultSize;
  assertProps(retention, storageSize, port);
  const query = globalServiceRef(context, { namespace, name, port, portName: "http" });
  const defaults: VictoriaLogsValues = {
    server: {
      fullnameOverride: name,
      retentionPeriod: retention,
      retentionDiskSpaceUsage: diskCap(storageSize),
      persistentVolume: { enabled: true, storageClassName: props.storageClass ?? storageClassNames.block, size: storageSize },
      // An empty clusterIP replaces the chart's `None`: the Service gets a virtual IP.
      service: { clusterIP: "", servicePort: port, annotations: { ...exportGlobalService(context, query) } },
      serviceMonitor: { enabled: true },
      resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "2Gi" } },
    },
    // ConfigMaps with the Grafana sidecar's label: Grafana on this cluster picks them up.
    dashboards: { enabled: true, labels: { grafana_dashboard: "1" } },
  };
  const values = merge(defaults, props.values);
  const component = defineComponent({
    name: "victoria-logs",
    namespace,
    area: "infrastructure",
    category: "observability",
    dependsOn: props.storage ? [props.storage] : [],
    stages: [{ name: "app", releases: [{ name: "victoria-logs", chart, values }], resources: [] }],
  });
  return { ...component, endpoints: { insert: { ...query, path: "/insert/jsonline" }, query } };
}
export * from "./flows.js";
export { victoriaLogsMonitoring } from "./alerts.js";
