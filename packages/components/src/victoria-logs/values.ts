import type { ChartValues } from "../charts/index.js";
/** The values of the pinned victoria-logs-single chart, generated from its archive (values.yaml, schema, templates). */
export type VictoriaLogsValues = ChartValues["victoria-logs-single"];
