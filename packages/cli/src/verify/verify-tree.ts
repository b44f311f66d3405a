import { resolveSchemaRoot, sharedKubeSchemaValidator } from "@k8s-gitops/core/schemas";
import { type AllowListEntry, noSchemaAllowList, type ValuesAllowListEntry, valuesOutsideSchemaAllowList } from "./allow-list.js";
import { bootstrapValues } from "./bootstrap-values.js";
import { stopCommandRunner } from "./command-runner.js";
import { CrdAwareValidator } from "./crd-schemas.js";
import { disruptionProblems, placedObjects } from "./disruption.js";
import { checkFluxGraph } from "./flux-graph.js";
import { monitoringProblems } from "./monitoring.js";
import { chartRoots } from "./helm-charts.js";
import type { RenderedRelease } from "./helm-render.js";
import { cacheDir } from "@k8s-gitops/core/cache";
import { kubectlVersion } from "@k8s-gitops/core/kustomize";
import { type HelmTool, resolveHelm } from "./helm-tool.js";
import { renderTree } from "./helm-tree.js";
import { checkFlowSelectors, checkScrapeFlows } from "./network-flows.js";
import { walkFluxTree } from "./flux-tree.js";
import { checkValues, helmReleaseValues, type HelmValuesResult, mergeHelmResults, unusedValuesEntries } from "./helm-values.js";
import { type BuildCache, type BuildFunction, type BuildResult, buildDirs, missingEntries } from "./kustomize.js";
import { checkNamespaces } from "./namespaces.js";
import { OriginIndex } from "./origins.js";
import { type Problem, problem, sortProblems } from "./problems.js";
import type { VerifyCounts, VerifyReport } from "./report.js";
import { checkSchemaCoverage } from "./schema-coverage.js";
import { SchemaChecker, schemaRootFingerprint } from "./schemas.js";
import { checkScanner, checkSecretBuilds, checkSecretFiles } from "./secrets.js";
import { checkValuesMatter } from "./values-matter.js";
import { checkTalos, type TalosCheckResult } from "./talos.js";
import { kustomizationDirs, readTree, type TreeFile, yamlDocuments } from "./tree.js";
import type { RenderedObjects } from "./twin/steps.js";
import { runTwin } from "./twin/twin.js";

export interface VerifyOptions {
  /** Folder with the upstream schemas; defaults to core's lookup (env var, ../shared/schemas, the download cache). */
  readonly schemaRoot?: string;
  /** Kinds allowed without a schema; defaults to {@link noSchemaAllowList}. */
  readonly allowList?: readonly AllowListEntry[];
  /** Helm values keys allowed outside their chart's schema; defaults to {@link valuesOutsideSchemaAllowList}. */
  readonly valuesAllowList?: readonly ValuesAllowListEntry[];
  /** Parallel `kubectl kustomize` runs (default 2: the CI machine has two cores). */
  readonly concurrency?: number;
  /** Replaces `kubectl kustomize` (tests). */
  readonly build?: BuildFunction;
  /** Render every Helm release with `helm template` and validate the objects (default true). */
  readonly render?: boolean;
  /** Kubernetes version per cluster (`kubeVersionsOf(inventories)`); a release of a cluster missing here fails to render. */
  readonly kubeVersions?: ReadonlyMap<string, string>;
  /** Chart folders; defaults to {@link chartRoots}. */
  readonly chartRoots?: readonly string[];
  /** Render cache folder, or null for none; defaults to `~/.cache/k8s-gitops/renders`. */
  readonly renderCache?: string | null;
  /**
   * Cache folder of `kubectl kustomize` builds, or null for none; defaults to
   * `~/.cache/k8s-gitops/kustomize` when `build` is kubectl's (a replaced build has no version to key on).
   */
  readonly kustomizeCache?: string | null;
  /** Cache folder of schema verdicts per unique document, or null for none; defaults to `~/.cache/k8s-gitops/schema-verdicts`. */
  readonly verdictCache?: string | null;
  readonly helm?: HelmTool;
  /** Replaces the Helm render's objects for the twin (tests); unrendered releases are counted, not judged. */
  readonly rendered?: RenderedObjects;
  /** Prove with Helm that every value of every rendered release matters (default true; needs render). */
  readonly valuesMatter?: boolean;
}

/** Kubernetes version of every cluster, from the estate's inventories (`cluster.kubernetesVersion`). */
export function kubeVersionsOf(inventories: readonly { readonly cluster: { readonly name: string; readonly kubernetesVersion: string } }[]): ReadonlyMap<string, string> {
  return new Map(inventories.map((inventory) => [inventory.cluster.name, inventory.cluster.kubernetesVersion]));
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));

/**
 * Verifies a generated tree the way the real tools would accept it: kustomize builds, strict
 * schemas of every build output, Helm values, Talos documents, the Flux graph of each cluster,
 * namespaces and secrets. Problems are sorted; an empty list means the tree passes.
 */
export async function verifyTree(root: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  try {
    return await verifyTreeWith(root, options);
  } finally {
    // helm and kubectl ran from the command runner's process: end it, so it is waited for.
    await stopCommandRunner();
  }
}

async function verifyTreeWith(root: string, options: VerifyOptions): Promise<VerifyReport> {
  const schemaRoot = resolveSchemaRoot(options.schemaRoot === undefined ? {} : { root: options.schemaRoot });
  const valuesAllowList = options.valuesAllowList ?? valuesOutsideSchemaAllowList;
  const files = readTree(root);
  const problems: Problem[] = [];
  const origins = new OriginIndex(files);
  const validator = new CrdAwareValidator(sharedKubeSchemaValidator(schemaRoot), schemaRoot);
  const verdictCache = options.verdictCache === null ? undefined : { dir: options.verdictCache ?? cacheDir("schema-verdicts"), schemaRootFingerprint: schemaRootFingerprint(schemaRoot) };
  const schemas = new SchemaChecker({ validator, allowList: options.allowList ?? noSchemaAllowList, origins, ...(verdictCache === undefined ? {} : { verdictCache }) });
  for (const file of files.filter((f) => /^bootstrap\/.*\.ya?ml\.tpl$/.test(f.path))) schemas.addFile(file.path, yamlDocuments(file.content));

  const dirs = kustomizationDirs(files);
  const entryProblems = missingEntries(files);
  problems.push(...entryProblems);
  const buildOption = options.build === undefined ? {} : { build: options.build };
  let finished = false;
  let wake: (() => void) | undefined;
  const kustomizeCache = options.kustomizeCache === null || (options.build !== undefined && options.kustomizeCache === undefined) ? undefined : (options.kustomizeCache ?? cacheDir("kustomize"));
  const cache: BuildCache | undefined = kustomizeCache === undefined ? undefined : { dir: kustomizeCache, files, toolVersion: kubectlVersion() };
  const building = buildDirs(root, dirs, {
    ...buildOption,
    ...(cache === undefined ? {} : { cache }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    onResult: (result) => {
      if (result.error === undefined) schemas.addBuild(result);
      wake?.();
    },
  }).finally(() => {
    finished = true;
    wake?.();
  });

  // The checks that need no build run while kubectl builds, yielding between steps so the next
  // build starts at once; then schema validation follows the builds as they finish.
  const bootstrap = bootstrapValues(files);
  let talos: TalosCheckResult | undefined;
  let bootstrapHelm: HelmValuesResult | undefined;
  const early: (() => void)[] = [
    ...chunks(files, 20).map((chunk: TreeFile[]) => () => problems.push(...checkSecretFiles(chunk))),
    () => problems.push(...checkScanner()),
    () => {
      talos = checkTalos(files, schemaRoot);
    },
    () => {
      bootstrapHelm = checkValues(bootstrap.items, { schemaRoot, allowList: valuesAllowList });
    },
  ];
  for (const step of early) {
    step();
    await yieldToEventLoop();
  }
  while (!finished) {
    await schemas.validatePending();
    if (!finished && !schemas.hasPending) await new Promise<void>((resolve) => (wake = resolve));
  }
  const builds: BuildResult[] = await building;
  for (const build of builds) {
    const file = `${build.dir}/kustomization.yaml`;
    // A missing entry already explains the failure, in fewer words.
    if (build.error !== undefined && !entryProblems.some((p) => p.file === file)) problems.push(problem("kustomize", file, `kubectl kustomize fails: ${build.error}`));
  }
  problems.push(...checkSecretBuilds(builds, problems));

  const buildMap = new Map(builds.map((b) => [b.dir, b]));
  const tree = await walkFluxTree({ root, files, builds: buildMap, origins, ...buildOption });
  problems.push(...tree.problems);
  for (const cluster of tree.clusters) validator.addCrds(cluster.objects.map((o) => o.doc), `the tree of cluster ${cluster.cluster}`);

  let renders: readonly RenderedRelease[] = [];
  let helmTool: HelmTool | undefined;
  let renderSeconds = 0;
  let flowSelectors: VerifyCounts["flowSelectors"];
  let valuesMatter: VerifyCounts["valuesMatter"];
  let valuesChecking: Promise<void> | undefined;
  if (options.render !== false) {
    const renderStart = performance.now();
    helmTool = options.helm ?? (await resolveHelm());
    const renderOptions = {
      helm: helmTool,
      chartRoots: options.chartRoots ?? chartRoots(),
      kubeVersions: options.kubeVersions ?? new Map(),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
      ...(options.renderCache === null ? {} : { cacheDir: options.renderCache ?? cacheDir("renders") }),
    };
    const rendered = await renderTree(tree.clusters, bootstrap.items, origins, renderOptions);
    renders = rendered.results;
    renderSeconds = (performance.now() - renderStart) / 1000;
    if (options.valuesMatter !== false) {
      const valuesStart = performance.now();
      const ok = rendered.results.flatMap((result, index) => (result.status === "rendered" ? [{ release: rendered.releases[index]!, result }] : []));
      // Not awaited here: its helm runs happen in the command runner's process while this one
      // validates the rendered objects and runs the remaining checks (each step yields, so the next
      // helm run starts at once). Awaited before the report is built.
      valuesChecking = checkValuesMatter(ok, { ...renderOptions, apiVersions: rendered.apiVersions }).then((matter) => {
        problems.push(...matter.problems);
        valuesMatter = { pinned: matter.pinned, checked: matter.checked, proven: matter.proven, bySentinel: matter.provenBySentinel, renders: matter.renders, seconds: (performance.now() - valuesStart) / 1000 };
      });
      // Handled when awaited below; this only keeps an early failure from counting as unhandled meanwhile.
      valuesChecking.catch(() => undefined);
    }
    for (const result of renders) if (result.status === "rendered") validator.addCrds(result.objects, `${result.subject} (${result.cluster})`);
    problems.push(...rendered.problems);
    for (const result of renders) {
      if (result.status === "failed") problems.push(result.problem);
      if (result.status === "rendered") schemas.addFile(result.file, result.objects, `${result.subject} (chart ${result.ref.chart} ${result.ref.version}) renders`);
    }
    await schemas.validatePending();
    // Needs the chart renders: without them every chart pod would look missing.
    const flows = checkFlowSelectors(tree.clusters, renders);
    const scrapes = checkScrapeFlows(tree.clusters, renders);
    problems.push(...flows.problems, ...scrapes.problems);
    flowSelectors = { checked: flows.checked, unverifiable: flows.unverifiable, scrapesChecked: scrapes.checked, scrapesUnverifiable: scrapes.unverifiable };
  }
  const renderedByRelease = new Map(renders.flatMap((r) => (r.status === "rendered" ? [[`${r.cluster}\u0000${r.subject}`, r.objects] as const] : [])));
  const rendered: RenderedObjects = (release) =>
    renderedByRelease.get(
      release.source === "flux"
        ? `${release.cluster}\u0000HelmRelease ${release.namespace}/${release.name}`
        : `${release.environment}\u0000helmfile release ${release.name} (${release.environment})`,
    );
  // Between steps, the event loop gets a turn: the value check (still running) starts its next helm run.
  const twin = runTwin({ clusters: tree.clusters, files, builds: buildMap, origins, rendered: options.rendered ?? rendered });
  problems.push(...twin.problems);
  await yieldToEventLoop();
  const schemaResult = schemas.result();
  problems.push(...schemaResult.problems);
  await yieldToEventLoop();

  const releases = helmReleaseValues(tree.clusters, origins);
  const helmResults = [bootstrapHelm!, checkValues(releases.items, { schemaRoot, allowList: valuesAllowList })];
  const helm = mergeHelmResults(helmResults);
  problems.push(...releases.problems, ...bootstrap.problems, ...helm.problems, ...unusedValuesEntries(valuesAllowList, helmResults));
  problems.push(...talos!.problems);
  await yieldToEventLoop();

  problems.push(...checkFluxGraph(tree.clusters, origins), ...checkNamespaces(tree.clusters, origins));
  const placed = placedObjects(tree.clusters, renders, origins);
  problems.push(...disruptionProblems(placed), ...monitoringProblems(placed, undefined, { chartsRendered: options.render !== false }));
  problems.push(...checkSchemaCoverage([...[...schemaResult.schemaFiles].filter((f) => !validator.isCrdSource(f)), ...helm.schemaFiles, ...talos!.schemaFiles]));
  await valuesChecking;

  return {
    problems: sortProblems(problems),
    schemaRoot,
    counts: {
      files: files.length,
      clusters: tree.clusters.length,
      kustomizations: builds.filter((b) => b.error === undefined).length,
      fluxPaths: tree.pathsFollowed,
      documents: schemaResult.documents,
      uniqueDocuments: schemaResult.unique,
      withoutSchema: schemaResult.withoutSchema,
      talosDocuments: talos!.documents,
      helmValuesChecked: helm.checked,
      helmChartsChecked: helm.checkedCharts.size,
      helmWithoutSchema: helm.withoutSchema,
      helm: helmTool === undefined ? undefined : `helm ${helmTool.version} (${helmTool.source})`,
      releasesRendered: renders.filter((r) => r.status === "rendered").length,
      renderedObjects: renders.reduce((sum, r) => sum + (r.status === "rendered" ? r.objects.length : 0), 0),
      renderSeconds,
      valuesMatter,
      rendersCached: renders.filter((r) => r.status === "rendered" && r.cached).length,
      releasesSkipped: renders.flatMap((r) => (r.status === "skipped" ? [`${r.subject} (${r.cluster}): ${r.reason}`] : [])),
      twin: twin.counts,
      ...(flowSelectors ? { flowSelectors } : {}),
    },
  };
}
