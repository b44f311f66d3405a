import { defineComponent, type Area, type Component, type Resource } from "../component/index.js";
import type { ChartSource } from "./chart.js";
import { helmRelease, type HelmReleaseProps } from "./helmrelease.js";
import { chartSource } from "./sources.js";

export interface ChartComponentProps {
  readonly name: string;
  readonly namespace: string;
  readonly area: Area;
  readonly category: string;
  readonly chart: ChartSource;
  readonly values: Readonly<Record<string, unknown>>;
  /** Deep-merged over the HelmRelease spec (e.g. `install.disableHooks`). */
  readonly releaseSpec?: HelmReleaseProps["spec"];
  /** Extra resources next to the release (StorageClasses, routes, ExternalSecrets, ...). */
  readonly resources?: readonly Resource[];
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/**
 * The most common component: one Helm chart in a single `app` stage, its Flux source next to it.
 * Components with CRs that need the chart's CRDs add stages with `defineComponent` instead.
 */
export function chartComponent(props: ChartComponentProps): Component<"app"> {
  return defineComponent({
    name: props.name,
    namespace: props.namespace,
    area: props.area,
    category: props.category,
    ...(props.namespaceLabels ? { namespaceLabels: props.namespaceLabels } : {}),
    stages: [
      {
        name: "app",
        resources: [
          chartSource(props.name, props.chart),
          helmRelease({ name: props.name, chart: props.chart, values: props.values, ...(props.releaseSpec ? { spec: props.releaseSpec } : {}) }),
          ...(props.resources ?? []),
        ],
      },
    ],
  });
}
