import { ociChart } from "@k8s-gitops/core";
import type { CrdChart } from "@k8s-gitops/core/bootstrap";

/**
 * VictoriaMetrics operator 0.63.1 (operator v0.70.1): the release the offline CRD schemas
 * (crds-catalog operator.victoriametrics.com, "based on 0.63.1") were generated from, so every
 * custom resource built here is validated against exactly the CRDs this chart installs.
 */
export const operatorChart = ociChart("oci://ghcr.io/victoriametrics/helm-charts/victoria-metrics-operator", "0.63.1");

/** The operator's CRDs alone, same operator version, for bootstrap phase 0. */
export const operatorCrdsChart = ociChart("oci://ghcr.io/victoriametrics/helm-charts/victoria-metrics-operator-crds", "0.10.1");

/** The versions victoria-metrics-k8s-stack 0.91 depends on (`4.55.*`, `7.5.*`). */
export const nodeExporterChart = ociChart("oci://ghcr.io/prometheus-community/charts/prometheus-node-exporter", "4.55.0");
export const kubeStateMetricsChart = ociChart("oci://ghcr.io/prometheus-community/charts/kube-state-metrics", "7.5.2");

/** Namespace of every observability component. */
export const observabilityNamespace = "observability";

/**
 * Phase 0 of the bootstrap renders this chart with `--include-crds`, so VMAgent, VMRule and the
 * other kinds exist before any Flux Kustomization applies them (and before the operator runs).
 */
export const operatorCrds: CrdChart = {
  name: "victoria-metrics-operator-crds",
  namespace: observabilityNamespace,
  chart: operatorCrdsChart,
};
