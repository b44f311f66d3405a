/** The victoria-logs-single chart values this project sets (the chart ships no values schema). */
export interface VictoriaLogsValues {
  server: {
    fullnameOverride: string;
    retentionPeriod: string;
    retentionDiskSpaceUsage: string;
    persistentVolume: { enabled: boolean; storageClassName: string; size: string };
    service: { clusterIP: string; servicePort: number; annotations: Record<string, string> };
    serviceMonitor: { enabled: boolean };
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    [key: string]: unknown;
  };
  dashboards: { enabled: boolean; labels: Record<string, string> };
  [key: string]: unknown;
}
