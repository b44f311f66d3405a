import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  showValue,
  UserError,
  type Ref,
} from "@k8s-gitops/core";
import { globalServiceRefProblems, shadowServices, type GlobalServiceRef } from "../clustermesh/index.js";
import { filterSection, inputSection, outputSection, serviceSection } from "./config.js";
import type { FluentBitValues } from "./values.js";

export { insertQuery, messageFields, streamFields } from "./config.js";
export type { FluentBitValues } from "./values.js";

/** fluent-bit chart 0.58.1 (Fluent Bit 5.1.1), the newest release the schema snapshot lists. */
export const chart = ociChart("oci://ghcr.io/fluent/helm-charts/fluent-bit", "0.58.1");

export type FluentBitStage = "app";

export interface FluentBitProps {
  /**
   * Where logs go: `victoriaLogs(...).endpoints.insert` of the infra cluster. On any other
   * cluster Fluent Bit ships through ClusterMesh and gets the shadow Service it needs.
   */
  readonly victoriaLogs: GlobalServiceRef;
  /** The VictoriaLogs component, when it runs on the same cluster. @default no dependency */
  readonly logStore?: Ref;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<FluentBitValues>;
}

/**
 * Fluent Bit on every node of the cluster, control planes included: tails the containerd logs,
 * adds Kubernetes metadata and the cluster name, and ships JSON lines to VictoriaLogs.
 */
export function fluentBit(context: ClusterContext, props: FluentBitProps): Component<FluentBitStage> {
  const namespace = "observability";
  const cluster = context.inventory.cluster.name;
  const insert = props.victoriaLogs;
  const problems = globalServiceRefProblems(insert);
  if (problems.length > 0) throw new UserError(`fluentBit (cluster ${cluster}): invalid victoriaLogs ref ${showValue(insert)}`, problems);
  const defaults: FluentBitValues = {
    kind: "DaemonSet",
    logLevel: "warn",
    // Every node, whatever its taints: control planes run workloads' logs too.
    tolerations: [{ operator: "Exists" }],
    serviceMonitor: { enabled: true },
    dashboards: { enabled: true, labelKey: "grafana_dashboard" },
    resources: { requests: { cpu: "20m", memory: "64Mi" }, limits: { memory: "256Mi" } },
    // Talos has no /var/lib/docker; the chart's default mount of it would fail.
    daemonSetVolumes: [
      { name: "varlog", hostPath: { path: "/var/log" } },
      { name: "etcmachineid", hostPath: { path: "/etc/machine-id", type: "File" } },
    ],
    daemonSetVolumeMounts: [
      { name: "varlog", mountPath: "/var/log" },
      { name: "etcmachineid", mountPath: "/etc/machine-id", readOnly: true },
    ],
    config: {
      service: serviceSection,
      inputs: inputSection,
      filters: filterSection(cluster),
      outputs: outputSection(insert),
      customParsers: "",
    },
  };
  const values = merge(defaults, props.values);
  return defineComponent({
    name: "fluent-bit",
    namespace,
    area: "infrastructure",
    category: "observability",
    dependsOn: props.logStore ? [props.logStore] : [],
    // Reads (and keeps its offsets under) the host's /var/log.
    namespaceLabels: { "pod-security.kubernetes.io/enforce": "privileged" },
    stages: [
      {
        name: "app",
        releases: [{ name: "fluent-bit", chart, values }],
        resources: [...shadowServices(context, namespace, [insert])],
      },
    ],
  });
}
export * from "./flows.js";
export { fluentBitMonitoring } from "./alerts.js";
