import type { ChartValues } from "../charts/index.js";
/** The values of the pinned fluent-bit chart, generated from its archive (values.yaml, schema, templates). */
export type FluentBitValues = ChartValues["fluent-bit"];
