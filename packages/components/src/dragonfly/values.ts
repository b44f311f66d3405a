import type { ChartValues } from "../charts/index.js";
/** The values of the pinned dragonfly-operator chart, generated from its archive (values.yaml, schema, templates). */
export type DragonflyOperatorValues = ChartValues["dragonfly-operator"];

export const defaultValues: DragonflyOperatorValues = {
  // Keep the CRD on uninstall: deleting it would delete every Dragonfly instance with it.
  crds: { install: true, keep: true },
  // GHCR rather than the vendor registry: the same registry as the instance image, mirrored by Spegel.
  manager: { image: { repository: "ghcr.io/dragonflydb/operator" } },
  grafanaDashboard: { enabled: true, folder: "databases" },
};
