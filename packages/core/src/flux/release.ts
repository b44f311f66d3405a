import type { HelmRepository, OCIRepository } from "@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1";
import type { HelmRelease } from "@kubernetes-models/flux-cd/helm.toolkit.fluxcd.io/v2";
import type { Resource, Stage } from "../component/index.js";
import type { DeepPartial } from "../merge/index.js";
import type { ChartSource } from "./chart.js";
import { helmRelease, type HelmReleaseSpec } from "./helmrelease.js";
import { chartSource } from "./sources.js";

/**
 * A Helm release as a typed part of a stage: chart pin, values and release options, declared once.
 * Render turns it into the Flux source and the HelmRelease (and health-checks it), the bootstrap
 * helmfile and the docs inventory read the same value: nothing reads a HelmRelease object back.
 */
export interface Release {
  /** HelmRelease name (and OCIRepository name for an OCI chart). */
  readonly name: string;
  readonly chart: ChartSource;
  /** Helm values, as plain data; empty or absent means the chart defaults. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Release options deep-merged over the generated HelmRelease spec (`timeout`, `install.disableHooks`, ...). */
  readonly options?: DeepPartial<NonNullable<HelmReleaseSpec>>;
}

/** Declares a release; the identity function, so `values` and `options` are checked where written. */
export function release(props: Release): Release {
  return props;
}

/** The objects Flux needs for a release: its chart source, then the HelmRelease. */
export function releaseObjects(release: Release): [OCIRepository | HelmRepository, HelmRelease] {
  return [
    chartSource(release.name, release.chart),
    helmRelease({ name: release.name, chart: release.chart, ...(release.values ? { values: release.values } : {}), ...(release.options ? { spec: release.options } : {}) }),
  ];
}

/** Every object a stage (or shared tree) emits: each release's source and HelmRelease, then its resources. */
export function stageObjects(stage: Pick<Stage, "releases" | "resources">): Resource[] {
  return [...(stage.releases ?? []).flatMap(releaseObjects), ...stage.resources];
}
