import type { ChartValues } from "../charts/index.js";
/** The values of the pinned cert-manager chart, generated from its archive (values.yaml, schema, templates). */
export type CertManagerValues = ChartValues["cert-manager"];

export const defaultValues: CertManagerValues = {
  crds: { enabled: true, keep: true },
  replicaCount: 2,
  podDisruptionBudget: { enabled: true, minAvailable: 1 },
  // DNS-01 self-checks must see the public zone, not split-horizon answers from the LAN resolver.
  dns01RecursiveNameservers: "https://1.1.1.1:443/dns-query,https://1.0.0.1:443/dns-query",
  dns01RecursiveNameserversOnly: true,
  prometheus: { enabled: true, servicemonitor: { enabled: true } },
  // Every Deployment with two replicas gets a budget, so a node drain keeps one of each.
  webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
  cainjector: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
};
