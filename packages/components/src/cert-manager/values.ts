/** The cert-manager chart values this project sets; the chart accepts many more (see its values.schema.json). */
export interface CertManagerValues {
  crds: { enabled: boolean; keep: boolean };
  replicaCount: number;
  podDisruptionBudget: { enabled: boolean; minAvailable: number };
  dns01RecursiveNameservers: string;
  dns01RecursiveNameserversOnly: boolean;
  prometheus: { enabled: boolean; servicemonitor: { enabled: boolean } };
  webhook: { replicaCount: number; podDisruptionBudget: { enabled: boolean; minAvailable: number } };
  cainjector: { replicaCount: number; podDisruptionBudget: { enabled: boolean; minAvailable: number } };
  [key: string]: unknown;
}

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
