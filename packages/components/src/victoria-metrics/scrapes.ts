import { vmResource, type RelabelConfig, type ScrapeEndpoint, type VMNodeScrapeSpec, type VMResource, type VMServiceScrapeSpec } from "./crd-types.js";

export type VMNodeScrape = VMResource<"VMNodeScrape", VMNodeScrapeSpec>;
export type VMServiceScrape = VMResource<"VMServiceScrape", VMServiceScrapeSpec>;

const serviceAccount = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * The kubelet serves its metrics over HTTPS and authorises the vmagent's service-account token.
 * Talos kubelets present a self-signed serving certificate (no `rotate-server-certificates`), so
 * the certificate cannot be verified against the cluster CA; the token still authenticates.
 */
const kubeletEndpoint: ScrapeEndpoint = {
  scheme: "https",
  port: "10250",
  honorLabels: true,
  bearerTokenFile: `${serviceAccount}/token`,
  tlsConfig: { insecureSkipVerify: true },
};

// Dashboards expect job="kubelet" for both endpoints, told apart by metrics_path.
const kubeletLabels = (): RelabelConfig[] => [
  { sourceLabels: ["__meta_kubernetes_node_name"], targetLabel: "node" },
  { sourceLabels: ["__metrics_path__"], targetLabel: "metrics_path" },
  { targetLabel: "job", replacement: "kubelet" },
];

/** kubelet `/metrics`: volume stats (PVC usage), pod lifecycle, runtime operations. */
export function kubeletScrape(interval: string): VMNodeScrape {
  return vmResource("VMNodeScrape", { name: "kubelet" }, { ...kubeletEndpoint, path: "/metrics", interval, relabelConfigs: kubeletLabels() });
}

/** kubelet `/metrics/cadvisor`: container CPU, memory, network and filesystem usage. */
export function cadvisorScrape(interval: string): VMNodeScrape {
  return vmResource(
    "VMNodeScrape",
    { name: "cadvisor" },
    {
      ...kubeletEndpoint,
      path: "/metrics/cadvisor",
      interval,
      // cAdvisor stamps samples with its own collection time, which jumps back after restarts.
      honorTimestamps: false,
      relabelConfigs: kubeletLabels(),
      metricRelabelConfigs: [
        {
          action: "drop",
          sourceLabels: ["__name__"],
          regex: "container_(network_tcp_usage_total|network_udp_usage_total|tasks_state|cpu_load_average_10s|memory_failures_total)",
        },
      ],
    },
  );
}

/** The API server behind the `kubernetes` Service in `default`, verified against the cluster CA. */
export function apiServerScrape(interval: string): VMServiceScrape {
  return vmResource(
    "VMServiceScrape",
    { name: "apiserver" },
    {
      selector: { matchLabels: { component: "apiserver", provider: "kubernetes" } },
      namespaceSelector: { matchNames: ["default"] },
      endpoints: [
        {
          port: "https",
          scheme: "https",
          interval,
          bearerTokenFile: `${serviceAccount}/token`,
          tlsConfig: { caFile: `${serviceAccount}/ca.crt`, serverName: "kubernetes" },
          relabelConfigs: [{ targetLabel: "job", replacement: "apiserver" }],
          // The SLI and etcd latency histograms (per resource and verb) are the bulk of the API
          // server's series and duplicate apiserver_request_duration_seconds, which is kept.
          metricRelabelConfigs: [
            { action: "drop", sourceLabels: ["__name__"], regex: "apiserver_request_sli_duration_seconds_bucket|etcd_request_duration_seconds_bucket" },
          ],
        },
      ],
    },
  );
}
