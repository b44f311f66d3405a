/** The cloudnative-pg chart values this project sets; the chart accepts more (see its values.schema.json). */
export interface CloudnativePgValues {
  crds: { create: boolean };
  replicaCount: number;
  monitoring: {
    podMonitorEnabled: boolean;
    grafanaDashboard: { create: boolean };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const defaultValues: CloudnativePgValues = {
  crds: { create: true },
  // Two operator pods: the admission webhooks stay reachable while one of them is rescheduled,
  // so Flux can keep applying Cluster changes during a node drain (leader election picks one).
  replicaCount: 2,
  monitoring: { podMonitorEnabled: true, grafanaDashboard: { create: true } },
};

/** The plugin-barman-cloud chart values this project sets. */
export interface BarmanCloudValues {
  crds: { create: boolean };
  [key: string]: unknown;
}

export const defaultPluginValues: BarmanCloudValues = {
  // The ObjectStore CRD ships with the chart; every Postgres cluster's backups depend on it.
  crds: { create: true },
};
