/** The stakater reloader chart values this project sets; the chart accepts many more (see its values.yaml). */
export interface ReloaderValues {
  fullnameOverride: string;
  reloader: {
    readOnlyRootFileSystem: boolean;
    podMonitor: { enabled: boolean; [key: string]: unknown };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export const defaultValues: ReloaderValues = {
  fullnameOverride: "reloader",
  reloader: {
    readOnlyRootFileSystem: true,
    // The chart's ServiceMonitor is deprecated in favour of the PodMonitor.
    podMonitor: { enabled: true },
  },
};

/** Annotation a workload sets to be restarted when a ConfigMap or Secret it uses changes. */
export const reloadAnnotation = { "reloader.stakater.com/auto": "true" } as const;
