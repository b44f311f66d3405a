import {
  defineComponent,
  merge,
  ociChart,
  type ClusterContext,
  type Component,
  type DeepPartial,
  type SharedTree,
} from "@k8s-gitops/core";
import { defaultValues, type StrimziOperatorValues } from "./values.js";

/**
 * One pin, one place. Strimzi 1.x serves only the `kafka.strimzi.io/v1` API (v1beta2 is gone),
 * which is the version the CRD catalog and `@kubernetes-models/strimzi-kafka-operator` type.
 */
export const chart = ociChart("oci://quay.io/strimzi-helm/strimzi-kafka-operator", "1.2.0");

/** Name of the cluster-agnostic base holding the operator release (`kubernetes/bases/strimzi-operator`). */
export const operatorBase = "strimzi-operator";

/** The HelmRelease (and OCIRepository) name inside the base. */
export const operatorRelease = "strimzi-kafka-operator";

/** @default namespace of the operator and of the shared Kafka clusters. */
export const defaultNamespace = "kafka";

/** Pod Security Admission labels of a namespace whose pods all meet the "restricted" standard. */
export const restrictedNamespace = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
} as const;

export type StrimziOperatorStage = "app";

export interface StrimziOperatorProps {
  /** @default "kafka" */
  readonly namespace?: string;
  /**
   * Deep-merged over the chart defaults. The release lives in a base shared by every cluster,
   * so an override here must be the same on every cluster that runs the operator.
   */
  readonly values?: DeepPartial<StrimziOperatorValues>;
}

/** The base: the operator's OCIRepository and HelmRelease, identical on every cluster. */
export function operatorBaseTree(values: StrimziOperatorValues): SharedTree {
  return {
    type: "base",
    name: operatorBase,
    releases: [{ name: operatorRelease, chart, values }],
    resources: [],
  };
}

/**
 * The Strimzi cluster operator (a reusable base) watching every namespace; its chart ships the
 * `kafka.strimzi.io` CRDs. Kafka clusters depend on the whole component (`ref(operator)`).
 */
export function strimziOperator(_context: ClusterContext, props: StrimziOperatorProps = {}): Component<StrimziOperatorStage> {
  const namespace = props.namespace ?? defaultNamespace;
  const values = merge<StrimziOperatorValues>(defaultValues, props.values);
  return defineComponent({
    name: "strimzi-operator",
    namespace,
    area: "workloads",
    category: "platform",
    // The chart's operator pod and every operand (restricted security provider) comply.
    namespaceLabels: restrictedNamespace,
    shared: [operatorBaseTree(values)],
    stages: [
      {
        name: "app",
        resources: [],
        bases: [operatorBase],
        // The release comes from the base, which the renderer does not scan for health checks.
        healthChecks: [{ apiVersion: "helm.toolkit.fluxcd.io/v2", kind: "HelmRelease", name: operatorRelease, namespace }],
      },
    ],
  });
}
