import { flow, scrapeFlow, type Flow, type FlowContext, type Workload } from "../network-flows/model.js";

/** Pods of the cert-manager chart by `app.kubernetes.io/component` (labels from `helm template` of chart v1.21.1); each serves metrics on 9402. */
export function certManagerPods(cluster: string, namespace: string, component: "controller" | "cainjector" | "webhook"): Workload {
  const name = component === "controller" ? "cert-manager" : component;
  return { cluster, namespace, name: component === "controller" ? "cert-manager" : `cert-manager-${component}`, labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/instance": "cert-manager", "app.kubernetes.io/component": component } };
}

export const certManagerMetricsPort = 9402;

/**
 * The controller orders certificates (ACME directory) and checks DNS-01 propagation over DNS over
 * HTTPS (`dns01RecursiveNameservers` in values.ts), both on 443 outside the cluster; the webhook
 * is called by the API server only (admitted by the default deny); the three are scraped on 9402
 * (ServiceMonitor cert-manager, `targetPort: 9402`).
 */
export function certManagerFlows(c: FlowContext): Flow[] {
  const pods = (["controller", "cainjector", "webhook"] as const).map((component) => certManagerPods(c.cluster, c.namespace, component));
  return [
    flow("cert-manager", pods[0]!, { entity: "world", cluster: c.cluster }, [443], "ACME orders and DNS-01 provider APIs, DNS-01 propagation checks over DNS over HTTPS"),
    ...pods.map((p) => scrapeFlow("cert-manager", c.scraper, p, certManagerMetricsPort, { what: `${p.name} (ServiceMonitor cert-manager)` })),
  ];
}
