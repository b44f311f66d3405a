/** The grafana chart values this project sets (the chart ships no values schema). */
export interface GrafanaValues {
  admin: { existingSecret: string; userKey: string; passwordKey: string };
  deploymentStrategy: { type: string };
  persistence: { enabled: boolean; type: string; storageClassName: string; size: string };
  plugins: string[];
  datasources: Record<string, unknown>;
  dashboardProviders: Record<string, unknown>;
  dashboards: Record<string, unknown>;
  sidecar: { dashboards: { enabled: boolean; label: string; labelValue: string; searchNamespace: string; provider: Record<string, unknown> } };
  serviceMonitor: { enabled: boolean };
  "grafana.ini": Record<string, Record<string, unknown>>;
  envValueFrom: Record<string, unknown>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  [key: string]: unknown;
}
