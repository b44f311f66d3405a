import type { ChartValues } from "../charts/index.js";
/** The values of the pinned grafana chart, generated from its archive (values.yaml, schema, templates). */
export type GrafanaValues = ChartValues["grafana"];
