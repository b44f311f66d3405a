import {
  defineComponent,
  merge,
  UserError,
  showValue,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type Ref,
} from "@k8s-gitops/core";
import { serviceUrl, shadowServices, type GlobalServiceRef } from "../clustermesh/index.js";
import { kubeStateMetricsChart, nodeExporterChart, observabilityNamespace } from "./charts.js";
import { vmResource, type VMAgentSpec, type VMResource } from "./crd-types.js";
import { apiServerScrape, cadvisorScrape, kubeletScrape } from "./scrapes.js";
import {
  defaultKubeStateMetricsValues,
  defaultNodeExporterValues,
  type KubeStateMetricsValues,
  type NodeExporterValues,
} from "./values.js";

export type VMAgent = VMResource<"VMAgent", VMAgentSpec>;
export type MetricsAgentStage = "app";

export interface MetricsAgentProps {
  /**
   * Where samples go: `victoriaMetrics(...).endpoints.remoteWrite` of the infra cluster. On any
   * other cluster the agent writes through ClusterMesh and gets the shadow Service it needs.
   */
  readonly remoteWrite: GlobalServiceRef;
  /** The operator component, which runs the VMAgent. @default no dependency */
  readonly operator?: Ref;
  /** @default "30s" */
  readonly scrapeInterval?: string;
  /** Deep-merged over the generated VMAgent spec. */
  readonly spec?: DeepPartial<VMAgentSpec>;
  readonly nodeExporterValues?: DeepPartial<NodeExporterValues>;
  readonly kubeStateMetricsValues?: DeepPartial<KubeStateMetricsValues>;
}

const interval = /^[0-9]+(ms|s|m|h)$/;

/** Select every scrape object of every namespace: the converted ServiceMonitors of all charts included. */
const everywhere = {
  selectAllByDefault: true,
  serviceScrapeNamespaceSelector: {},
  podScrapeNamespaceSelector: {},
  nodeScrapeNamespaceSelector: {},
  probeNamespaceSelector: {},
  staticScrapeNamespaceSelector: {},
  scrapeConfigNamespaceSelector: {},
} as const;

/**
 * The metrics agent of one cluster: node-exporter and kube-state-metrics, a VMAgent scraping
 * them, the kubelets (with cAdvisor), the API server and every component's scrape objects, and
 * writing to the estate's VMSingle with a `cluster` label on every series.
 */
export function metricsAgent(context: ClusterContext, props: MetricsAgentProps): Component<MetricsAgentStage> {
  const namespace = observabilityNamespace;
  const cluster = context.inventory.cluster.name;
  const scrapeInterval = props.scrapeInterval ?? "30s";
  if (!interval.test(scrapeInterval)) {
    throw new UserError(`metricsAgent (cluster ${cluster}): scrapeInterval must be a duration like "30s", got ${showValue(scrapeInterval)}`);
  }
  const spec: VMAgentSpec = {
    ...everywhere,
    scrapeInterval,
    externalLabels: { cluster },
    remoteWrite: [{ url: serviceUrl(props.remoteWrite) }],
    extraArgs: {
      // Keeps memory flat: the original labels of dropped targets are only needed for debugging.
      "promscrape.dropOriginalLabels": "true",
      "promscrape.streamParse": "true",
    },
    resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { memory: "1Gi" } },
  };
  const nodeExporterValues = merge(defaultNodeExporterValues, props.nodeExporterValues);
  const kubeStateMetricsValues = merge(defaultKubeStateMetricsValues, props.kubeStateMetricsValues);
  return defineComponent({
    name: "vmagent",
    namespace,
    area: "infrastructure",
    category: "observability",
    dependsOn: props.operator ? [props.operator] : [],
    // node-exporter needs the host's PID and network namespaces and root filesystem.
    namespaceLabels: { "pod-security.kubernetes.io/enforce": "privileged" },
    stages: [
      {
        name: "app",
        releases: [{ name: "node-exporter", chart: nodeExporterChart, values: nodeExporterValues }, { name: "kube-state-metrics", chart: kubeStateMetricsChart, values: kubeStateMetricsValues }],
        resources: [
          vmResource("VMAgent", { name: "vmagent" }, merge<VMAgentSpec>(spec, props.spec)),
          kubeletScrape(scrapeInterval),
          cadvisorScrape(scrapeInterval),
          apiServerScrape(scrapeInterval),
          ...shadowServices(context, namespace, [props.remoteWrite]),
        ],
      },
    ],
  });
}
