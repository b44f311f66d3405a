/** The external-secrets chart values this project sets; the chart accepts many more (see its values.schema.json). */
export interface ExternalSecretsValues {
  installCRDs: boolean;
  replicaCount: number;
  leaderElect: boolean;
  podDisruptionBudget: { enabled: boolean; minAvailable: number };
  serviceMonitor: { enabled: boolean; interval: string };
  webhook: { replicaCount: number; podDisruptionBudget: { enabled: boolean; minAvailable: number }; [key: string]: unknown };
  certController: { replicaCount: number; [key: string]: unknown };
  [key: string]: unknown;
}

export const defaultValues: ExternalSecretsValues = {
  installCRDs: true,
  // Two controllers with leader election: a node drain never stops secret refreshes for long.
  replicaCount: 2,
  leaderElect: true,
  podDisruptionBudget: { enabled: true, minAvailable: 1 },
  // One switch covers the controller, webhook and cert-controller monitors (chart 2.x).
  serviceMonitor: { enabled: true, interval: "1m" },
  // The webhook validates every ExternalSecret and store: while it is down, Flux cannot apply them.
  webhook: { replicaCount: 2, podDisruptionBudget: { enabled: true, minAvailable: 1 } },
  certController: { replicaCount: 1 },
};
