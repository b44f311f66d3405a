import type { ChartValues } from "../charts/index.js";
/** The values of the pinned flux-operator chart, generated from its archive (values.yaml, schema, templates). */
export type FluxOperatorValues = ChartValues["flux-operator"];

export const defaultOperatorValues: FluxOperatorValues = {
  // prometheus-operator CRDs come in bootstrap phase 0, so the ServiceMonitor can exist from the start.
  serviceMonitor: { create: true },
};

export type KustomizePatch = {
  patch: string;
  target?: {
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    labelSelector?: string;
    annotationSelector?: string;
  };
};

/** The values of the pinned flux-instance chart, generated from its archive (values.yaml, schema, templates). */
export type FluxInstanceValues = ChartValues["flux-instance"];

/**
 * Flux release the operator installs; matches the CRD snapshot the tests validate against
 * (`fluxCrdDir` in core/src/schemas/upstream.ts; Renovate moves both in one group). Exact, so an upgrade is a reviewed change.
 */
// renovate: datasource=github-releases depName=fluxcd/flux2 extractVersion=^v(?<version>.+)$
export const fluxDistribution = { version: "2.9.4", registry: "ghcr.io/fluxcd" } as const;

export const fluxControllers = ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"] as const;
