import type { ChartValues } from "../charts/index.js";
/** The values of the pinned external-secrets chart, generated from its archive (values.yaml, schema, templates). */
export type ExternalSecretsValues = ChartValues["external-secrets"];

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
