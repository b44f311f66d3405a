import { flow, type Flow, type Workload } from "../network-flows/model.js";

/** The external-dns pods (labels set by this component's Deployment, index.ts podLabels). */
export function externalDnsPods(cluster: string, namespace: string): Workload {
  return { cluster, namespace, name: "external-dns", labels: { "app.kubernetes.io/name": "external-dns" } };
}

/**
 * external-dns calls the DNS provider's API on the internet (Cloudflare: api.cloudflare.com:443);
 * the API server, which it watches, is admitted by every namespace's default deny.
 */
export function externalDnsFlows(pods: Workload): Flow[] {
  return [flow("external-dns", pods, { entity: "world", cluster: pods.cluster }, [443], "external-dns manages the public zone's records through the DNS provider's API")];
}
