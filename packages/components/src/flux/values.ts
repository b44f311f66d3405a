/** The flux-operator chart values this project sets (schema: helm/flux-operator/0.49.0). */
export interface FluxOperatorValues {
  serviceMonitor: { create: boolean };
  [key: string]: unknown;
}

export const defaultOperatorValues: FluxOperatorValues = {
  // prometheus-operator CRDs come in bootstrap phase 0, so the ServiceMonitor can exist from the start.
  serviceMonitor: { create: true },
};

export interface KustomizePatch {
  patch: string;
  target?: {
    group?: string;
    version?: string;
    kind?: string;
    name?: string;
    labelSelector?: string;
    annotationSelector?: string;
  };
}

/** The flux-instance chart values this project sets (schema: helm/flux-instance/0.49.0). */
export interface FluxInstanceValues {
  instance: {
    distribution: { version: string; registry: string; artifact?: string };
    components: string[];
    cluster: { type: "kubernetes"; domain: string; networkPolicy: boolean; multitenant: boolean; size?: "small" | "medium" | "large" };
    commonMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    sync: { kind: "GitRepository"; url: string; ref: string; path: string; interval: string; pullSecret?: string };
    kustomize: { patches: KustomizePatch[] };
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/**
 * Flux release the operator installs; matches the CRD snapshot the tests validate against
 * (`fluxCrdDir` in core/src/schemas/upstream.ts; Renovate moves both in one group). Exact, so an upgrade is a reviewed change.
 */
// renovate: datasource=github-releases depName=fluxcd/flux2 extractVersion=^v(?<version>.+)$
export const fluxDistribution = { version: "2.9.4", registry: "ghcr.io/fluxcd" } as const;

export const fluxControllers = ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"] as const;
