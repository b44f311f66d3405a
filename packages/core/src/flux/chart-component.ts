import { defineComponent, type Area, type Capability, type Component, type Resource } from "../component/index.js";
import type { ChartSource } from "./chart.js";
import type { HelmReleaseProps } from "./helmrelease.js";

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
  /** What the component makes available to its cluster (e.g. `["cluster-dns"]`). @default [] */
  readonly provides?: readonly Capability[];
}

/**
 * The most common component: one Helm release in a single `app` stage (render adds its Flux source).
 * Components with CRs that need the chart's CRDs add stages with `defineComponent` instead.
 */
export function chartComponent(props: ChartComponentProps): Component<"app"> {
  return defineComponent({
    name: props.name,
    namespace: props.namespace,
    area: props.area,
    category: props.category,
    ...(props.namespaceLabels ? { namespaceLabels: props.namespaceLabels } : {}),
    ...(props.provides ? { provides: props.provides } : {}),
    stages: [
      {
        name: "app",
        releases: [{ name: props.name, chart: props.chart, values: props.values, ...(props.releaseSpec ? { options: props.releaseSpec } : {}) }],
        resources: props.resources ?? [],
      },
    ],
  });
}
