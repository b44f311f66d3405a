import type { ChartValues } from "../charts/index.js";
/** The values of the pinned reloader chart, generated from its archive (values.yaml, schema, templates). */
export type ReloaderValues = ChartValues["reloader"];

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
