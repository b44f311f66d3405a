import type { Component } from "../component/index.js";
import type { ChartSource } from "../flux/index.js";

/**
 * A chart rendered in phase 0 only for its CustomResourceDefinitions (`helm template
 * --include-crds`), so that kinds such as ServiceMonitor, Gateway or ExternalSecret exist
 * before any release of phase 1 or any Flux Kustomization uses them.
 */
export interface CrdChart {
  /** Release name in `00-crds.yaml`, e.g. `prometheus-operator-crds`. */
  readonly name: string;
  readonly namespace: string;
  readonly chart: ChartSource;
  /** Values some charts need to render their CRDs (e.g. `crds.enabled: true`). @default none */
  readonly values?: Readonly<Record<string, unknown>>;
}

/**
 * CRDs published as a plain manifest (e.g. the Gateway API's `standard-install.yaml`), applied in
 * phase 0 with `kubectl apply --server-side -f <url>` before the CRD charts.
 */
export interface CrdManifest {
  readonly name: string;
  /** `https://` URL of a YAML file of CustomResourceDefinitions, pinned to a release. */
  readonly url: string;
}

/**
 * A component installed by phase 1 before Flux exists. The typed release of its first stage (chart
 * pin, values, options) becomes the helmfile release, so Flux adopts the release later.
 */
export interface CoreRelease<S extends string = string> {
  readonly component: Component<S>;
  /**
   * Stages applied with `kubectl apply --server-side --field-manager=kustomize-controller` right
   * after the release is synced (a helmfile `postsync` hook), e.g. Cilium's `config` (LB pools,
   * BGP) without which nothing behind a LoadBalancer is reachable. @default none
   */
  readonly postsyncStages?: readonly S[];
}

/**
 * Keeps the stage names of a component typed: `coreRelease(cilium, { postsyncStages: ["config"] })`.
 * `NoInfer`, as in `ref`: the stage names come from the component alone, so a misspelt one is a
 * type error instead of widening `S` (render still rejects it for a plain `Component`).
 */
export function coreRelease<S extends string>(component: Component<S>, options: { readonly postsyncStages?: readonly NoInfer<S>[] } = {}): CoreRelease<S> {
  return { component, ...(options.postsyncStages ? { postsyncStages: options.postsyncStages } : {}) };
}

/**
 * A Secret that must exist before phase 1 (Flux cannot fetch it: it is what lets Flux or the
 * secret store work at all). Only 1Password references (`op://vault/item/field`) are written;
 * `op inject` fills them in on the operator's machine.
 */
export interface BootstrapSecret {
  readonly name: string;
  readonly namespace: string;
  /** Why the secret must exist before Flux; written as a comment next to it. */
  readonly purpose: string;
  /** @default "Opaque" */
  readonly type?: string;
  /** Secret key -> reference to a field holding the plain (single-line) value. */
  readonly stringData?: Readonly<Record<string, string>>;
  /**
   * Secret key -> reference to a field holding the value base64-encoded. Multi-line material
   * (SSH keys, known_hosts) goes here: `op inject` pastes text verbatim, which would break YAML.
   */
  readonly data?: Readonly<Record<string, string>>;
}

/** What one cluster installs before Flux takes over. */
export interface BootstrapCluster {
  readonly name: string;
  /** Phase 1, in install order; each release `needs` the one before it. */
  readonly core: readonly (Component | CoreRelease)[];
  /** Phase 0: CRD charts and CRD manifests. */
  readonly crds: readonly (CrdChart | CrdManifest)[];
  /** Secrets applied before phase 0 (`op inject | kubectl apply`). @default none */
  readonly secrets?: readonly BootstrapSecret[];
  /**
   * Every component the cluster's Flux tree renders. When given, each core component must be one
   * of them, otherwise Flux would never adopt (or upgrade) the release the bootstrap installed.
   */
  readonly components?: readonly Component[];
}

export interface BootstrapInput {
  /** Every cluster of the estate; one helmfile environment each. */
  readonly clusters: readonly BootstrapCluster[];
}
