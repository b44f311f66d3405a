/**
 * The dragonfly-operator chart values this project sets. The chart publishes no
 * values.schema.json, so these keys are checked against the chart's values.yaml by review only.
 */
export interface DragonflyOperatorValues {
  crds: { install: boolean; keep: boolean };
  manager: { image: { repository: string }; [key: string]: unknown };
  grafanaDashboard: { enabled: boolean; folder: string; [key: string]: unknown };
  [key: string]: unknown;
}

export const defaultValues: DragonflyOperatorValues = {
  // Keep the CRD on uninstall: deleting it would delete every Dragonfly instance with it.
  crds: { install: true, keep: true },
  // GHCR rather than the vendor registry: the same registry as the instance image, mirrored by Spegel.
  manager: { image: { repository: "ghcr.io/dragonflydb/operator" } },
  grafanaDashboard: { enabled: true, folder: "databases" },
};
