import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** `--metrics-address` default of external-dns (pkg/apis/externaldns/types.go: ":7979"). */
export const metricsPort = 7979;

/** The external-dns pods (labels set by this component's Deployment, index.ts podLabels). */
export function externalDnsPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "external-dns", labels: { "app.kubernetes.io/name": "external-dns" } };
}

/**
 * external-dns calls the DNS provider's API on the internet (Cloudflare: api.cloudflare.com:443),
 * and VMAgent scrapes it (its PodMonitor, port `http`); the API server, which it watches, is
 * admitted by every namespace's default deny.
 */
export function externalDnsFlows(c: FlowContext): Flow[] {
  const pods = externalDnsPods(c.cluster, c.namespace);
  return [
    flow("external-dns", pods, { entity: "world", cluster: c.cluster }, [443], "external-dns manages the public zone's records through the DNS provider's API"),
    scrapeFlow("external-dns", c.scraper, pods, metricsPort, { what: "external-dns (PodMonitor external-dns)" }),
  ];
}
