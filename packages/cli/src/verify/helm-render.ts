/**
 * Renders Helm releases with the real `helm template`, offline, the way helm-controller installs
 * them on the live cluster. Public API: {@link renderReleases} (and the types it takes and returns).
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readCache, writeCache } from "@k8s-gitops/core/cache";
import { CORE_SCHEMA, loadAll } from "js-yaml";
import { stringify } from "yaml";
import { goToolEnvironment, runCommand } from "./command-runner.js";
import { type ArchiveLookup, findChartArchive } from "./helm-charts.js";
import type { HelmTool } from "./helm-tool.js";
import type { ChartRef } from "./helm-values.js";
import { isObject, type Json } from "./objects.js";
import { type Problem, problem } from "./problems.js";

/** One release to render: a Flux HelmRelease on one cluster, or a bootstrap helmfile release in one environment. */
export interface ReleaseToRender {
  /** Cluster name (for helmfile releases: the environment, which is the cluster's name). */
  readonly cluster: string;
  /** File the release is defined in (relative to the tree root), for messages. */
  readonly file: string;
  /** `HelmRelease kube-system/cilium` or `helmfile release cilium (infra)`. */
  readonly subject: string;
  /** Helm release name (helm-controller: `spec.releaseName`, else `[<targetNamespace>-]<name>`). */
  readonly releaseName: string;
  /** Namespace the release installs into (`spec.targetNamespace`, else the HelmRelease's namespace). */
  readonly namespace: string;
  readonly ref: ChartRef;
  /** The values Helm receives, `valuesFrom` already merged in. */
  readonly values: Json;
  /** Where the values sit, for messages: `spec.values` or `values`. */
  readonly valuesPath: string;
  /** Render the chart's `crds/` folder (helm-controller: `spec.install.crds` is not `Skip`). */
  readonly includeCrds: boolean;
  /** `--no-hooks` (helm-controller: `spec.install.disableHooks`; helmfile: `--no-hooks` in its args). */
  readonly disableHooks: boolean;
  /** Flux `spec.postRenderers` (kustomize patches and images), applied in order. */
  readonly postRenderers: readonly unknown[];
  /** Labels helm-controller's origin post-renderer adds to every object (empty for helmfile). */
  readonly originLabels: Readonly<Record<string, string>>;
}

/** What every result repeats of its release (`ref`: chart name, version and repository as pinned). */
type RenderedCommon = Pick<ReleaseToRender, "cluster" | "file" | "subject" | "releaseName" | "namespace" | "ref">;

/**
 * The outcome of one release: `rendered` with every object Helm would apply (CRDs of `crds/`
 * first when included, then templates and hooks, post-renderers applied, parsed documents),
 * `skipped` (the chart is on the offline-unavailable list; `reason` says why) or `failed`
 * (`problem` names the file, release and what went wrong: no archive of that version, or helm's error).
 */
export type RenderedRelease = RenderedCommon &
  (
    | {
        readonly status: "rendered";
        readonly objects: readonly unknown[];
        readonly archive: string;
        readonly chartDigest: string;
        readonly cached: boolean;
        /** sha256 of the text Helm printed (post-renderers applied), when rendered now rather than read from the cache. */
        readonly textDigest?: string;
      }
    | { readonly status: "skipped"; readonly reason: string }
    | { readonly status: "failed"; readonly problem: Problem }
  );

export interface RenderOptions {
  readonly helm: HelmTool;
  /** Folders with `<chart>/<chart>-<version>.tgz`, searched in order (see `chartRoots()`). */
  readonly chartRoots: readonly string[];
  /** Kubernetes version of each cluster (`v1.35.4`), passed as `--kube-version`. */
  readonly kubeVersions: ReadonlyMap<string, string>;
  /** Extra `--api-versions` of each cluster (CRD group/versions and group/version/Kinds); see api-versions.ts. */
  readonly apiVersions: ReadonlyMap<string, readonly string[]>;
  /** Parallel helm processes (default {@link defaultHelmConcurrency}). */
  readonly concurrency?: number;
  /** Content-addressed cache of renders (default none); see {@link renderCacheKey}. */
  readonly cacheDir?: string;
  /** Replaces kubectl kustomize for post-renderers (tests). */
  readonly kustomize?: (dir: string) => Promise<string>;
}

/**
 * Helm runs at a time, on the 2-core CI machine: 3. A run starts only when this process has
 * handled the previous one's output, and while it parses a render (or validates objects beside the
 * value check) a third run keeps both cores busy; the CPU time is the same. Measured on the idle
 * machine before the command runner: 58.0 s with 3 against 60.3 s with 2 for the value check.
 */
export const defaultHelmConcurrency = 3;

const digests = new Map<string, { readonly stamp: string; readonly digest: string }>();

/** sha256 of an archive, remembered per path, size and mtime. */
export function archiveDigest(path: string): string {
  const stat = statSync(path);
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = digests.get(path);
  if (known?.stamp === stamp) return known.digest;
  const digest = createHash("sha256").update(readFileSync(path)).digest("hex");
  digests.set(path, { stamp, digest });
  return digest;
}

/** The `helm template` arguments for a release (without the values file). */
export function templateArgs(release: ReleaseToRender, archive: string, kubeVersion: string, apiVersions: readonly string[]): string[] {
  // helm-controller renders with the live cluster's capabilities (action.Configuration with its
  // discovery client: helm pkg/action/action.go getCapabilities); offline, --kube-version and
  // --api-versions stand in for them. Helm adds its own built-in API versions (client-go's scheme,
  // helm pkg/chart/common/capabilities.go DefaultVersionSet) to the ones given here.
  const args = ["template", release.releaseName, archive, "--namespace", release.namespace, "--kube-version", kubeVersion, "--skip-tests"];
  if (apiVersions.length > 0) args.push("--api-versions", [...apiVersions].sort().join(","));
  // helm-controller's install: CRDs of crds/ unless spec.install.crds is Skip (internal/action/install.go).
  if (release.includeCrds) args.push("--include-crds");
  if (release.disableHooks) args.push("--no-hooks");
  return args;
}

/**
 * The cache key of a render: sha256 over the chart archive's digest, the helm version, the
 * arguments (release, namespace, kube version, API versions, flags), the values, the
 * post-renderers and origin labels. Equal keys give equal output, so a hit needs no helm run.
 */
export function renderCacheKey(release: ReleaseToRender, chartDigest: string, helmVersion: string, args: readonly string[]): string {
  const material = JSON.stringify([chartDigest, helmVersion, args.slice(3), release.values, release.postRenderers, release.originLabels]);
  return createHash("sha256").update(material).digest("hex");
}

/** A small JSON cache beside the renders, for facts derived from renders (keyed by sha256 of `key`). */
export function cachedJson<T>(cacheDir: string | undefined, key: string, compute: () => Promise<T>): Promise<T> {
  if (cacheDir === undefined) return compute();
  const path = join(cacheDir, "facts", `${createHash("sha256").update(key).digest("hex")}.json`);
  try {
    return Promise.resolve(JSON.parse(readFileSync(path, "utf8")) as T);
  } catch {
    return compute().then((value) => {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(value));
      renameSync(temporary, path);
      return value;
    });
  }
}

/**
 * Parsed documents of a multi-document YAML text, empty documents dropped. js-yaml with the YAML 1.2
 * core schema (as the rest of verify reads YAML: no timestamps, no merge keys), three times faster
 * than the \`yaml\` package on the megabytes of CRDs charts render. @throws on a YAML error.
 */
export function parseRendered(text: string): unknown[] {
  try {
    return loadAll(text, undefined, { schema: CORE_SCHEMA }).filter((v) => v !== null && v !== undefined);
  } catch (error) {
    throw new Error(`helm printed invalid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
}

/**
 * {@link parseRendered} of a text that shares most documents with texts parsed before (the renders
 * of one release with one value changed): the text is cut at its `---` lines and a piece seen
 * before is taken from `memo`. The same list as parsing the whole text: a `---` line at column 0
 * starts a new document for js-yaml (loader.js readDocument; the content of a top-level block node
 * is indented, so such a line cannot belong to it), and anchors do not cross documents. A text
 * with a directive (`%`) or document end (`...`) line is parsed whole. The documents are shared
 * between calls: read them, never modify them. @throws on a YAML error.
 */
export function parseRenderedWith(text: string, memo: Map<string, unknown[]>): unknown[] {
  if (/^(%|\.\.\.)/m.test(text)) return parseRendered(text);
  return text.split(/^---[ \t]*$/m).flatMap((piece) => {
    let documents = memo.get(piece);
    if (documents === undefined) {
      documents = parseRendered(piece);
      memo.set(piece, documents);
    }
    return documents;
  });
}

const kubectlKustomize = async (dir: string): Promise<string> => (await runCommand("kubectl", ["kustomize", dir], { env: goToolEnvironment() })).stdout;

/**
 * helm-controller's kustomize post-renderer (internal/postrender/kustomize.go, Kustomize.Run):
 * the rendered manifests become the one resource of a kustomization with the post-renderer's
 * `patches` and `images`, and the build output is what gets applied.
 */
async function applyPostRenderers(text: string, postRenderers: readonly unknown[], kustomize: (dir: string) => Promise<string>): Promise<string> {
  let current = text;
  for (const renderer of postRenderers) {
    const spec = isObject(renderer) && isObject(renderer["kustomize"]) ? renderer["kustomize"] : undefined;
    if (spec === undefined) continue;
    const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-postrender-"));
    try {
      writeFileSync(join(dir, "rendered.yaml"), current);
      const kustomization: Json = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["rendered.yaml"] };
      if (Array.isArray(spec["patches"])) kustomization["patches"] = spec["patches"];
      if (Array.isArray(spec["images"])) kustomization["images"] = spec["images"];
      writeFileSync(join(dir, "kustomization.yaml"), stringify(kustomization));
      current = await kustomize(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return current;
}

/** helm-controller's origin labels (internal/postrender/origin_labels.go): added to every object's metadata.labels. */
function withLabels(doc: unknown, labels: Readonly<Record<string, string>>): unknown {
  if (Object.keys(labels).length === 0 || !isObject(doc)) return doc;
  const metadata = isObject(doc["metadata"]) ? doc["metadata"] : {};
  const existing = isObject(metadata["labels"]) ? metadata["labels"] : {};
  return { ...doc, metadata: { ...metadata, labels: { ...existing, ...labels } } };
}

/**
 * `v1/List`-style documents (`ConfigMapList` with `items`) become their items, as Helm's kube client
 * does before applying (helm pkg/kube/client.go Build: the resource builder's Flatten) and as the
 * kustomize-based post-renderers read them (kustomize api/resource/factory.go, SliceFromBytes).
 */
export function flattenLists(objects: readonly unknown[]): unknown[] {
  return objects.flatMap((doc) =>
    isObject(doc) && typeof doc["kind"] === "string" && doc["kind"].endsWith("List") && Array.isArray(doc["items"]) ? flattenLists(doc["items"]) : [doc],
  );
}

/** The stderr of a failed helm run, trimmed to its message. */
function helmError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr;
  const text = (stderr !== undefined && stderr.trim() !== "" ? stderr : (error as Error).message ?? String(error)).trim();
  return text.replace(/^Error: /, "").split("\n").filter((line) => line.trim() !== "").slice(0, 6).join(" | ");
}

/** The arguments of `helm template` for a release under `options` (the values come on stdin: `--values -`). */
export function helmCommandArgs(release: ReleaseToRender, archive: string, options: RenderOptions): string[] {
  const kubeVersion = options.kubeVersions.get(release.cluster);
  if (kubeVersion === undefined) throw new Error(`no Kubernetes version known for cluster ${release.cluster}`);
  return [...templateArgs(release, archive, kubeVersion, options.apiVersions.get(release.cluster) ?? []), "--values", "-"];
}

/** A copy of `value` with the keys of every mapping sorted, for comparisons where key order does not count. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
  return value;
}

/**
 * Identifies one `helm template` run: the binary, its arguments and the values. Equal keys print
 * equal text: Helm renders deterministically from these inputs (charts calling random functions
 * aside, where any run is as good as another), and the order of the values' keys does not count
 * because Helm reads them into Go maps (helm pkg/cli/values/options.go MergeValues, yaml.Unmarshal
 * into map[string]interface{}) and templates see map keys sorted (text/template range, toYaml).
 * A Flux HelmRelease and the bootstrap helmfile release of a chart on one cluster usually have
 * equal keys: they differ only after Helm (origin labels, post-renderers).
 */
export function helmRunKey(release: ReleaseToRender, archive: string, options: RenderOptions): string {
  return JSON.stringify([options.helm.path, helmCommandArgs(release, archive, options), sortedKeys(release.values)]);
}

/**
 * What `helm template` prints for a release, before post-renderers: the values go on stdin
 * (`--values -`: helm pkg/cli/values/options.go readFile reads "-" from os.Stdin), the process is
 * started through the {@link runCommand} helper. No cache; with `shared`, a run of an equal
 * {@link helmRunKey} (done or under way) is used instead of a new one. @throws helm's error.
 */
export function helmStdout(release: ReleaseToRender, archive: string, options: RenderOptions, shared?: Map<string, Promise<string>>): Promise<string> {
  const key = shared === undefined ? undefined : helmRunKey(release, archive, options);
  const known = key === undefined ? undefined : shared?.get(key);
  if (known !== undefined) return known;
  const args = helmCommandArgs(release, archive, options);
  const text = runCommand(options.helm.path, args, { input: JSON.stringify(release.values), env: goToolEnvironment() }).then((output) => output.stdout);
  if (key !== undefined) shared?.set(key, text);
  return text;
}

/** Helm's text after the release's post-renderers. @throws kustomize's error. */
export const postRender = (text: string, release: ReleaseToRender, options: RenderOptions): Promise<string> =>
  applyPostRenderers(text, release.postRenderers, options.kustomize ?? kubectlKustomize);

/** The text Helm prints for a release, post-renderers applied ({@link helmStdout}, then {@link postRender}). No cache. */
export async function renderText(release: ReleaseToRender, archive: string, options: RenderOptions, shared?: Map<string, Promise<string>>): Promise<string> {
  return postRender(await helmStdout(release, archive, options, shared), release, options);
}

/**
 * The objects of a rendered text: `List` documents flattened, the release's origin labels added.
 * With a `memo`, documents parsed before are reused ({@link parseRenderedWith}).
 */
export function renderedObjects(release: ReleaseToRender, text: string, memo?: Map<string, unknown[]>): unknown[] {
  return flattenLists(memo === undefined ? parseRendered(text) : parseRenderedWith(text, memo)).map((doc) => withLabels(doc, release.originLabels));
}

/** sha256 of a rendered text: equal digests mean equal text, hence equal objects. */
export const textDigest = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Runs `helm template` with the release's values, applies the post-renderers and returns the
 * objects; a render whose {@link renderCacheKey} is in the cache (stored as JSON) needs no helm run.
 * A fresh render also returns the {@link textDigest} of its text (a cache hit has none).
 */
export async function helmTemplate(
  release: ReleaseToRender,
  archive: string,
  options: RenderOptions,
  shared?: Map<string, Promise<string>>,
): Promise<{ objects: unknown[]; chartDigest: string; cached: boolean; textDigest?: string }> {
  const kubeVersion = options.kubeVersions.get(release.cluster);
  if (kubeVersion === undefined) throw new Error(`no Kubernetes version known for cluster ${release.cluster}`);
  const args = templateArgs(release, archive, kubeVersion, options.apiVersions.get(release.cluster) ?? []);
  const chartDigest = archiveDigest(archive);
  const key = renderCacheKey(release, chartDigest, options.helm.version, args);
  const hit = readCache(options.cacheDir, key);
  if (hit !== undefined) return { objects: JSON.parse(hit) as unknown[], chartDigest, cached: true };
  const text = await renderText(release, archive, options, shared);
  const objects = renderedObjects(release, text);
  writeCache(options.cacheDir, key, JSON.stringify(objects));
  return { objects, chartDigest, cached: false, textDigest: textDigest(text) };
}

/** Runs `work` over `items`, `concurrency` at a time; results in input order. */
export async function mapConcurrent<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return results;
}

/**
 * Renders every release with `helm template` (see {@link templateArgs} for the flags and why),
 * `options.concurrency` at a time (default {@link defaultHelmConcurrency}), in the order given. Never throws for a release:
 * a chart on the offline-unavailable list is `skipped` with the reason, a missing archive or a
 * helm error is `failed` with a `helm-render` problem naming file, release, chart and version.
 *
 * @example
 *   const helm = await resolveHelm();
 *   const results = await renderReleases(releases, { helm, chartRoots: chartRoots(), kubeVersions, apiVersions });
 *   for (const r of results) if (r.status === "rendered") use(r.cluster, r.subject, r.objects);
 */
export async function renderReleases(releases: readonly ReleaseToRender[], options: RenderOptions): Promise<RenderedRelease[]> {
  // Releases running the same helm command (see helmRunKey) share one run; only those keep the text.
  const runs = new Map<string, number>();
  const keyOf = (release: ReleaseToRender): string | undefined => {
    const lookup = findChartArchive(release.ref, options.chartRoots);
    return "archive" in lookup && options.kubeVersions.has(release.cluster) ? helmRunKey(release, lookup.archive, options) : undefined;
  };
  for (const release of releases) {
    const key = keyOf(release);
    if (key !== undefined) runs.set(key, (runs.get(key) ?? 0) + 1);
  }
  const texts = new Map<string, Promise<string>>();
  return mapConcurrent(releases, options.concurrency ?? defaultHelmConcurrency, async (release) => {
    const common: RenderedCommon = {
      cluster: release.cluster,
      file: release.file,
      subject: release.subject,
      releaseName: release.releaseName,
      namespace: release.namespace,
      ref: release.ref,
    };
    const lookup: ArchiveLookup = findChartArchive(release.ref, options.chartRoots);
    if ("skipped" in lookup) return { ...common, status: "skipped", reason: lookup.skipped };
    if ("missing" in lookup) return { ...common, status: "failed", problem: problem("helm-render", release.file, `${release.subject}: ${lookup.missing}`) };
    try {
      const key = keyOf(release);
      const shared = key !== undefined && (runs.get(key) ?? 0) > 1 ? texts : undefined;
      const { objects, chartDigest, cached, textDigest } = await helmTemplate(release, lookup.archive, options, shared);
      return { ...common, status: "rendered", objects, archive: lookup.archive, chartDigest, cached, ...(textDigest === undefined ? {} : { textDigest }) };
    } catch (error) {
      const message = `${release.subject} (chart ${release.ref.chart} ${release.ref.version}): helm template fails: ${helmError(error)}`;
      return { ...common, status: "failed", problem: problem("helm-render", release.file, message) };
    }
  });
}
