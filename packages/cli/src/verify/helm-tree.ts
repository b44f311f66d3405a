import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { crdApiVersions, isCrd } from "./api-versions.js";
import type { BootstrapRelease } from "./bootstrap-values.js";
import type { ClusterObjects } from "./flux-tree.js";
import { findChartArchive } from "./helm-charts.js";
import { bootstrapReleases, fluxReleases } from "./helm-releases.js";
import { archiveDigest, cachedJson, type ReleaseToRender, type RenderedRelease, type RenderOptions, renderReleases } from "./helm-render.js";
import type { OriginIndex } from "./origins.js";
import type { Problem } from "./problems.js";

export interface TreeRenderResult {
  /** Every Flux HelmRelease (per cluster) and bootstrap helmfile release (per environment), in that order. */
  readonly releases: readonly ReleaseToRender[];
  /** One result per release, same order. */
  readonly results: readonly RenderedRelease[];
  /** Problems of collecting the releases (unresolvable valuesFrom). Render failures are in `results`. */
  readonly problems: readonly Problem[];
  /** The `--api-versions` each cluster was rendered with. */
  readonly apiVersions: ReadonlyMap<string, readonly string[]>;
}

const mayHoldCrds = new Map<string, boolean>();

/** True when any file of the archive mentions CustomResourceDefinition (crds/ or a template). */
function archiveMayHoldCrds(archive: string): boolean {
  let known = mayHoldCrds.get(archive);
  if (known === undefined) {
    known = gunzipSync(readFileSync(archive)).includes("CustomResourceDefinition");
    mayHoldCrds.set(archive, known);
  }
  return known;
}

/**
 * Renders every release of a tree with the API versions its cluster will serve: the CRDs applied
 * by Flux on that cluster, plus the CRDs the releases of that cluster (Flux and bootstrap, phase 0
 * included) install. Charts that may install CRDs are rendered first with the tree's CRDs; then
 * every release is rendered with the full set (renders whose inputs did not change are cache hits).
 */
export async function renderTree(
  clusters: readonly ClusterObjects[],
  bootstrap: readonly BootstrapRelease[],
  origins: OriginIndex,
  options: Omit<RenderOptions, "apiVersions">,
): Promise<TreeRenderResult> {
  const flux = fluxReleases(clusters, origins);
  const releases = [...flux.releases, ...bootstrapReleases(bootstrap)];
  const clusterNames = [...new Set([...clusters.map((c) => c.cluster), ...releases.map((r) => r.cluster)])];
  const treeCrds = new Map(clusterNames.map((name) => [name, (clusters.find((c) => c.cluster === name)?.objects ?? []).map((o) => o.doc).filter(isCrd)]));
  const baseline = new Map(clusterNames.map((name) => [name, crdApiVersions(treeCrds.get(name) ?? [])]));

  const crdCharts = releases.filter((release) => {
    const lookup = findChartArchive(release.ref, options.chartRoots);
    return "archive" in lookup && archiveMayHoldCrds(lookup.archive);
  });
  // The first pass only yields API versions: cached by its inputs, an unchanged tree skips it.
  const firstInputs = crdCharts.map((release) => {
    const lookup = findChartArchive(release.ref, options.chartRoots);
    return ["archive" in lookup ? archiveDigest(lookup.archive) : "", release];
  });
  const key = `api-versions v1 ${JSON.stringify([options.helm.version, [...options.kubeVersions], [...baseline], firstInputs])}`;
  const computed = await cachedJson(options.cacheDir, key, async () => {
    const first = await renderReleases(crdCharts, { ...options, apiVersions: baseline });
    return clusterNames.map((name) => {
      const rendered = first.filter((r) => r.cluster === name && r.status === "rendered").flatMap((r) => (r.status === "rendered" ? r.objects.filter(isCrd) : []));
      return [name, crdApiVersions([...(treeCrds.get(name) ?? []), ...rendered])] as const;
    });
  });
  const apiVersions = new Map<string, readonly string[]>(computed);
  const results = await renderReleases(releases, { ...options, apiVersions });
  return { releases, results, problems: flux.problems, apiVersions };
}
