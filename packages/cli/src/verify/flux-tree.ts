import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { showValue } from "@k8s-gitops/core/errors";
import { parse, stringify } from "yaml";
import type { BuildFunction, BuildResult } from "./kustomize.js";
import { buildDirs } from "./kustomize.js";
import {
  apiVersionOf,
  at,
  describeObject,
  groupOf,
  inTargetNamespace,
  isFluxKustomization,
  isHelmRelease,
  isObject,
  kindOf,
  nameOf,
  namespaceOf,
  textAt,
} from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";
import type { TreeFile } from "./tree.js";

/** An object Flux applies on a cluster, as it is applied (after `spec.targetNamespace`). */
export interface AppliedObject {
  readonly doc: unknown;
  /** The folder whose build produced it; for objects the FluxInstance creates, the folder it syncs. */
  readonly dir: string;
  /** `Kustomization namespace/name` that applies it. */
  readonly appliedBy: string;
  /** True when its namespace comes from the applying Kustomization's `spec.targetNamespace`. */
  readonly namespaceFromTarget: boolean;
  /** Set for objects no file holds: the FluxInstance's sync source and root Kustomization. */
  readonly createdBy?: string;
}

/** Everything Flux applies on one cluster, found by following Flux Kustomizations from `kubernetes/clusters/<cluster>`. */
export interface ClusterObjects {
  readonly cluster: string;
  readonly objects: readonly AppliedObject[];
}

/** What a FluxInstance (or the flux-instance chart's `instance` values) syncs. */
export interface SyncSpec {
  readonly path: string;
  readonly kind: string;
  readonly url: string | undefined;
  readonly name: string | undefined;
}

export interface FluxTreeResult {
  readonly clusters: readonly ClusterObjects[];
  readonly problems: readonly Problem[];
  /** Flux Kustomizations whose spec.path was resolved to a folder of the tree. */
  readonly pathsFollowed: number;
}

export interface FluxTreeInput {
  readonly root: string;
  readonly files: readonly TreeFile[];
  /** Builds of the kustomization folders, by folder. */
  readonly builds: ReadonlyMap<string, BuildResult>;
  readonly origins: OriginIndex;
  readonly build?: BuildFunction;
}

const sourceKinds = new Set(["GitRepository", "OCIRepository", "Bucket", "HelmRepository", "HelmChart", "ExternalArtifact"]);
export const isFluxSource = (doc: unknown): boolean => sourceKinds.has(kindOf(doc)) && groupOf(apiVersionOf(doc)) === "source.toolkit.fluxcd.io";

/** The sync of a FluxInstance, or of a HelmRelease of the flux-instance chart (its `instance` values). */
export function syncOf(doc: unknown): SyncSpec | undefined {
  let sync: unknown;
  if (kindOf(doc) === "FluxInstance" && groupOf(apiVersionOf(doc)) === "fluxcd.controlplane.io") sync = at(doc, "spec", "sync");
  else if (isHelmRelease(doc)) sync = at(doc, "spec", "values", "instance", "sync");
  const path = textAt(sync, "path");
  if (path === undefined) return undefined;
  return { path, kind: textAt(sync, "kind") ?? "GitRepository", url: textAt(sync, "url"), name: textAt(sync, "name") };
}

/** The namespace a FluxInstance lives in: its own, or the flux-instance HelmRelease's target namespace. */
const instanceNamespace = (doc: unknown): string | undefined =>
  isHelmRelease(doc) ? (textAt(doc, "spec", "targetNamespace") ?? namespaceOf(doc)) : namespaceOf(doc);

/** A path of a Flux spec relative to the source root, normalised the way Flux reads it. */
export function normaliseSourcePath(path: string): string {
  const trimmed = path.replace(/^(\.\/|\/)+/, "");
  return trimmed === "" ? "." : posix.normalize(trimmed).replace(/\/$/, "");
}

const clusterSuffix = (cluster: string): string => `kubernetes/clusters/${cluster}`;

/**
 * The folder of the Git repository that holds the verified tree (`generated`), read from the sync
 * path that points at `kubernetes/clusters/<cluster>`; every spec.path starts with it.
 */
export function repoPrefixOf(syncPath: string, cluster: string): string | undefined {
  const normal = normaliseSourcePath(syncPath);
  const suffix = clusterSuffix(cluster);
  if (normal === suffix) return "";
  return normal.endsWith(`/${suffix}`) ? normal.slice(0, -suffix.length - 1) : undefined;
}

type Resolved = { readonly dir: string } | { readonly error: string };

function resolveInTree(specPath: string, prefix: string, files: ReadonlySet<string>, folders: ReadonlySet<string>): Resolved {
  const normal = normaliseSourcePath(specPath);
  if (normal === ".." || normal.startsWith("../")) return { error: "leaves the repository" };
  let dir: string;
  if (prefix === "") dir = normal === "." ? "" : normal;
  else if (normal === prefix) dir = "";
  else if (normal.startsWith(`${prefix}/`)) dir = normal.slice(prefix.length + 1);
  else return { error: `is outside ${prefix}/, the folder that holds the generated tree` };
  const shown = dir === "" ? "the tree root" : dir;
  if (!folders.has(dir)) return { error: `does not exist (${shown})` };
  if (!files.has(dir === "" ? "kustomization.yaml" : `${dir}/kustomization.yaml`)) return { error: `has no kustomization.yaml (${shown})` };
  return { dir };
}

interface Walker {
  readonly input: FluxTreeInput;
  readonly files: ReadonlySet<string>;
  readonly folders: ReadonlySet<string>;
  readonly problems: Problem[];
  pathsFollowed: number;
}

const id = (doc: unknown): string => `${namespaceOf(doc) ?? ""}/${nameOf(doc)}`;

/** Follows every cluster's Flux Kustomizations; see {@link ClusterObjects}. */
export async function walkFluxTree(input: FluxTreeInput): Promise<FluxTreeResult> {
  const files = new Set(input.files.map((f) => f.path));
  const folders = new Set([""]);
  for (const path of files) {
    const parts = path.split("/");
    for (let index = 1; index < parts.length; index++) folders.add(parts.slice(0, index).join("/"));
  }
  const walker: Walker = { input, files, folders, problems: [], pathsFollowed: 0 };
  const clusters = [...files]
    .map((path) => /^kubernetes\/clusters\/([^/]+)\/kustomization\.yaml$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
  if (clusters.length === 0) walker.problems.push(problem("flux-path", "kubernetes/clusters", "no cluster entry point (kubernetes/clusters/<cluster>/kustomization.yaml)"));
  const syncs = [...input.builds.values()].flatMap((result) => result.documents.map(syncOf)).filter((s): s is SyncSpec => s !== undefined);
  const results: ClusterObjects[] = [];
  for (const cluster of clusters) results.push(await walkCluster(walker, cluster, syncs));
  return { clusters: results, problems: walker.problems, pathsFollowed: walker.pathsFollowed };
}

async function walkCluster(walker: Walker, cluster: string, syncs: readonly SyncSpec[]): Promise<ClusterObjects> {
  const entry = clusterSuffix(cluster);
  const own = syncs.find((sync) => repoPrefixOf(sync.path, cluster) !== undefined);
  // Without a sync for this cluster the other clusters' prefix is the best guess; the missing sync is reported below.
  const anyPrefix = syncs.map((sync) => /^(.*?)\/?kubernetes\/clusters\/[^/]+$/.exec(normaliseSourcePath(sync.path))?.[1]).find((p) => p !== undefined);
  const prefix = own === undefined ? (anyPrefix ?? "") : repoPrefixOf(own.path, cluster)!;
  const objects: AppliedObject[] = [];
  const rootLabel = `the FluxInstance sync of ${entry}`;
  for (const doc of (await buildOf(walker, entry)).documents) objects.push({ doc, dir: entry, appliedBy: rootLabel, namespaceFromTarget: false });

  const expanded = new Set<string>();
  const external = new Set<string>();
  for (;;) {
    const pending = objects.filter((o) => isFluxKustomization(o.doc) && !expanded.has(id(o.doc)) && !external.has(id(o.doc)));
    if (pending.length === 0) break;
    let progress = false;
    const deferred: AppliedObject[] = [];
    for (const object of pending) {
      const source = sourceOf(objects, object.doc);
      if (source === undefined) {
        deferred.push(object);
        continue;
      }
      progress = true;
      if (own?.url !== undefined && textAt(source, "spec", "url") === own.url) await expand(walker, object, prefix, objects, expanded);
      else external.add(id(object.doc));
    }
    // The sync source is not a file of the tree (the FluxInstance creates it): once nothing else
    // resolves, a Kustomization with an unknown source reads from it. One at a time, because its
    // objects may define the source of another one.
    if (!progress && deferred[0] !== undefined) await expand(walker, deferred[0], prefix, objects, expanded);
  }

  const instances = objects.filter((o) => {
    const sync = syncOf(o.doc);
    return sync !== undefined && repoPrefixOf(sync.path, cluster) !== undefined;
  });
  if (instances.length === 0) {
    walker.problems.push(
      problem("flux-path", entry, `no FluxInstance applied on cluster ${cluster} syncs this folder (a spec.sync.path ending in ${entry})`),
    );
  }
  for (const instance of instances) objects.push(...syncObjects(instance, entry));
  return { cluster, objects };
}

/** The GitRepository (or other source) and the root Kustomization a FluxInstance creates for its sync. */
function syncObjects(instance: AppliedObject, entry: string): AppliedObject[] {
  const sync = syncOf(instance.doc)!;
  const namespace = instanceNamespace(instance.doc) ?? "flux-system";
  const name = sync.name ?? namespace;
  const createdBy = `${describeObject(instance.doc)} (spec.sync)`;
  const metadata = { name, namespace };
  const source = { apiVersion: "source.toolkit.fluxcd.io/v1", kind: sync.kind, metadata, spec: { url: sync.url } };
  const root = {
    apiVersion: "kustomize.toolkit.fluxcd.io/v1",
    kind: "Kustomization",
    metadata,
    spec: { path: sync.path, sourceRef: { kind: sync.kind, name } },
  };
  return [source, root].map((doc) => ({ doc, dir: entry, appliedBy: createdBy, namespaceFromTarget: false, createdBy }));
}

/** The source object a Kustomization's sourceRef names, among the objects found so far. */
function sourceOf(objects: readonly AppliedObject[], kustomization: unknown): unknown {
  const ref = at(kustomization, "spec", "sourceRef");
  const namespace = textAt(ref, "namespace") ?? namespaceOf(kustomization);
  return objects.find(
    (o) => isFluxSource(o.doc) && kindOf(o.doc) === textAt(ref, "kind") && nameOf(o.doc) === textAt(ref, "name") && namespaceOf(o.doc) === namespace,
  )?.doc;
}

async function expand(walker: Walker, object: AppliedObject, prefix: string, objects: AppliedObject[], expanded: Set<string>): Promise<void> {
  expanded.add(id(object.doc));
  const ks = object.doc;
  const file = walker.input.origins.fileOf(ks, [object.dir]);
  const specPath = textAt(ks, "spec", "path") ?? "";
  const resolved = resolveInTree(specPath, prefix, walker.files, walker.folders);
  if ("error" in resolved) {
    walker.problems.push(problem("flux-path", file, `${describeObject(ks)}: spec.path ${showValue(specPath)} ${resolved.error}`));
    return;
  }
  walker.pathsFollowed++;
  const components = at(ks, "spec", "components");
  const componentList = Array.isArray(components) ? components.map(String) : [];
  const missing = componentList.flatMap((component, index) => {
    const target = posix.normalize(posix.join(resolved.dir, component));
    if (walker.files.has(`${target}/kustomization.yaml`)) return [];
    const why = walker.folders.has(target) ? `has no kustomization.yaml (${target})` : `does not exist (${target})`;
    return [problem("flux-path", file, `${describeObject(ks)}: spec.components[${index}] ${showValue(component)} ${why}`)];
  });
  if (missing.length > 0) {
    walker.problems.push(...missing);
    return;
  }
  const result = componentList.length === 0 ? await buildOf(walker, resolved.dir) : await buildWithComponents(walker, resolved.dir, componentList);
  if (result.error !== undefined) {
    // The folder's own build failure is reported by the kustomize check; only report what the components add.
    if (componentList.length > 0) walker.problems.push(problem("kustomize", file, `${describeObject(ks)}: build with spec.components fails: ${result.error}`));
    return;
  }
  const target = textAt(ks, "spec", "targetNamespace");
  const appliedBy = `Kustomization ${id(ks)}`;
  for (const doc of result.documents) {
    const applied = inTargetNamespace(doc, target);
    objects.push({ doc: applied, dir: resolved.dir, appliedBy, namespaceFromTarget: applied !== doc });
  }
}

async function buildOf(walker: Walker, dir: string): Promise<BuildResult> {
  const cached = walker.input.builds.get(dir);
  if (cached !== undefined) return cached;
  const [result] = await buildDirs(walker.input.root, [dir], walker.input.build === undefined ? {} : { build: walker.input.build });
  return result!;
}

/**
 * Builds `dir` the way kustomize-controller does with `spec.components`: appended to the
 * kustomization's own `components`, in a scratch copy so the tree is never touched.
 */
async function buildWithComponents(walker: Walker, dir: string, components: readonly string[]): Promise<BuildResult> {
  const scratch = mkdtempSync(join(tmpdir(), "k8s-gitops-verify-"));
  try {
    cpSync(walker.input.root, scratch, { recursive: true });
    const path = join(scratch, dir, "kustomization.yaml");
    const kustomization = parse(readFileSync(path, "utf8")) as unknown;
    const own = isObject(kustomization) && Array.isArray(kustomization["components"]) ? kustomization["components"] : [];
    writeFileSync(path, stringify({ ...(isObject(kustomization) ? kustomization : {}), components: [...own, ...components] }));
    const [result] = await buildDirs(scratch, [dir], walker.input.build === undefined ? {} : { build: walker.input.build });
    return result!;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

