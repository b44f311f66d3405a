/**
 * The gitlab-runner chart values this project sets; the chart accepts more. No values.schema.json
 * for this chart exists under ../shared/schemas/helm, so the values are not schema-checked.
 */
export interface GitlabRunnerValues {
  gitlabUrl: string;
  /** Jobs this runner manager runs at once (over all its job pods). */
  concurrent: number;
  /** Seconds between polls for new jobs. */
  checkInterval: number;
  rbac: { create: boolean; [key: string]: unknown };
  serviceAccount: { create: boolean; [key: string]: unknown };
  metrics: { enabled: boolean; serviceMonitor: { enabled: boolean; [key: string]: unknown }; [key: string]: unknown };
  service: { enabled: boolean; [key: string]: unknown };
  runners: {
    /** config.toml template; see `runnerConfigToml`. */
    config: string;
    /** Secret with the keys `runner-token` and `runner-registration-token`. */
    secret: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Defaults without the parts derived from props (URL, config, secret). */
export const defaultValues: Pick<GitlabRunnerValues, "concurrent" | "checkInterval" | "rbac" | "serviceAccount" | "metrics" | "service"> = {
  concurrent: 10,
  checkInterval: 10,
  // The Role lets the runner manager create job pods, Secrets and attach to them in its namespace.
  rbac: { create: true },
  serviceAccount: { create: true },
  // Job and queue metrics on :9252, scraped through the chart's ServiceMonitor (needs the Service).
  metrics: { enabled: true, serviceMonitor: { enabled: true } },
  service: { enabled: true },
};
