/** The fluent-bit chart values this project sets (the chart ships no values schema). */
export interface FluentBitValues {
  kind: "DaemonSet" | "Deployment";
  logLevel: string;
  tolerations: Record<string, unknown>[];
  serviceMonitor: { enabled: boolean };
  dashboards: { enabled: boolean; labelKey: string };
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  daemonSetVolumes: Record<string, unknown>[];
  daemonSetVolumeMounts: Record<string, unknown>[];
  config: { service: string; inputs: string; filters: string; outputs: string; customParsers: string; [key: string]: unknown };
  [key: string]: unknown;
}
