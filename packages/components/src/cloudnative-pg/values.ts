import type { ChartValues } from "../charts/index.js";
/** The values of the pinned cloudnative-pg chart, generated from its archive (values.yaml, schema, templates). */
export type CloudnativePgValues = ChartValues["cloudnative-pg"];

export const defaultValues: CloudnativePgValues = {
  crds: { create: true },
  // Two operator pods: the admission webhooks stay reachable while one of them is rescheduled,
  // so Flux can keep applying Cluster changes during a node drain (leader election picks one).
  replicaCount: 2,
  monitoring: { podMonitorEnabled: true, grafanaDashboard: { create: true } },
};

/** The values of the pinned plugin-barman-cloud chart, generated from its archive (values.yaml, schema, templates). */
export type BarmanCloudValues = ChartValues["plugin-barman-cloud"];

export const defaultPluginValues: BarmanCloudValues = {
  // The ObjectStore CRD ships with the chart; every Postgres cluster's backups depend on it.
  crds: { create: true },
};
