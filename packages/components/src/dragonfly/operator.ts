import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
} from "@k8s-gitops/core";
import { defaultValues, type DragonflyOperatorValues } from "./values.js";

/** One pin, one place: the Flux source and the bootstrap helmfile both read it. */
export const chart = ociChart("oci://ghcr.io/dragonflydb/dragonfly-operator/helm/dragonfly-operator", "v1.6.1");

export type DragonflyOperatorStage = "app";

export interface DragonflyOperatorProps {
  /** @default "dragonfly-system" */
  readonly namespace?: string;
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<DragonflyOperatorValues>;
}

/** The Dragonfly operator (CRD `dragonflydb.io/v1alpha1` Dragonfly); instances come from {@link dragonfly}. */
export function dragonflyOperator(_context: ClusterContext, props: DragonflyOperatorProps = {}): Component<DragonflyOperatorStage> {
  const values = merge(defaultValues, props.values);
  return defineComponent({
    name: "dragonfly-operator",
    namespace: props.namespace ?? "dragonfly-system",
    area: "infrastructure",
    category: "databases",
    stages: [{ name: "app", releases: [{ name: "dragonfly-operator", chart, values }], resources: [] }],
  });
}
