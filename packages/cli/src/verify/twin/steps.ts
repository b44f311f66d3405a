import { posix } from "node:path";
import type { AppliedObject, ClusterObjects } from "../flux-tree.js";
import type { BuildResult } from "../kustomize.js";
import { at, describeObject, isFluxKustomization, isHelmRelease, isObject, kindOf, nameOf, namespaceOf, textAt } from "../objects.js";
import type { OriginIndex } from "../origins.js";
import { type TreeFile, yamlDocuments } from "../tree.js";
import { crdDocument, fluxControllerCrds, fluxOperatorCrds, gatewayApiStandardCrds } from "./catalog.js";

/** Which Helm release a set of rendered objects belongs to. */
export type ReleaseId =
  | { readonly source: "flux"; readonly cluster: string; readonly namespace: string; readonly name: string }
  | { readonly source: "bootstrap"; readonly environment: string; readonly namespace: string; readonly name: string };

/**
 * The objects a Helm release installs (`helm template` output: chart templates and `crds/`), or
 * undefined when that release was not rendered. Supplied by the Helm render of `pnpm verify`.
 */
export type RenderedObjects = (release: ReleaseId) => readonly unknown[] | undefined;

/** An object applied in one step, with the file to blame and who applies it. */
export interface StepObject {
  readonly doc: unknown;
  readonly file: string;
  /** What creates it, for messages: `Kustomization ns/name`, `HelmRelease ns/name`, `bootstrap secrets`, ... */
  readonly provider: string;
  /** Set for objects of a Helm release, so references inside it are blamed on the release's file. */
  readonly release?: string;
}

/** One step of a fresh install, in the order the operator and Flux run them. */
export interface Step {
  readonly index: number;
  readonly label: string;
  readonly objects: StepObject[];
  /** The Flux Kustomization of this step (Flux steps only). */
  readonly kustomization?: AppliedObject;
  /** Steps that are certainly finished when this one runs (bootstrap order, dependsOn closure). */
  readonly after: Set<number>;
  /** Releases of this step that were not rendered: their objects are unknown to the twin. */
  readonly unrendered: string[];
  /** Helm releases this step installs, so the twin knows what their controllers create. */
  readonly releases: ReleaseOfStep[];
}

export interface ReleaseOfStep {
  readonly chart: string;
  /** The values' subject in {@link bootstrapValues} (`helmfile release cilium (infra)`), or the HelmRelease. */
  readonly subject: string;
  readonly values?: unknown;
  readonly doc: unknown;
  readonly provider: string;
}

export interface StepsInput {
  readonly cluster: ClusterObjects;
  readonly files: readonly TreeFile[];
  readonly builds: ReadonlyMap<string, BuildResult>;
  readonly origins: OriginIndex;
  readonly rendered: RenderedObjects;
}

const id = (doc: unknown): string => `${namespaceOf(doc) ?? ""}/${nameOf(doc)}`;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Objects of a Helm release go to the release namespace when the chart leaves it unset (`helm install -n`). */
function inReleaseNamespace(doc: unknown, namespace: string): unknown {
  if (!isObject(doc) || namespaceOf(doc) !== undefined) return doc;
  const metadata = isObject(doc["metadata"]) ? doc["metadata"] : {};
  return { ...doc, metadata: { ...metadata, namespace } };
}

/**
 * The bootstrap of `docs/bootstrap.md` for one cluster: namespaces, bootstrap secrets, phase 0
 * (CRD manifests, then the CRD charts' CustomResourceDefinitions only), phase 1 releases in
 * helmfile order, each followed by its postsync `kubectl apply -k` stages.
 */
type Push = (label: string, objects: StepObject[], unrendered?: string[], releases?: ReleaseOfStep[], kustomization?: AppliedObject, after?: Set<number>) => void;

function bootstrapSteps(input: StepsInput, push: Push): void {
  const { cluster, files, builds, rendered } = input;
  const name = cluster.cluster;
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const namespacesFile = `kubernetes/clusters/${name}/namespaces.yaml`;
  const namespaces = yamlDocuments(byPath.get(namespacesFile) ?? "").filter((d) => kindOf(d) === "Namespace");
  push("bootstrap namespaces", namespaces.map((doc) => ({ doc, file: namespacesFile, provider: `bootstrap step 2 (${namespacesFile})` })));
  const secretsFile = `bootstrap/clusters/${name}/secrets.yaml.tpl`;
  const secrets = files
    .filter((f) => f.path === secretsFile || (f.path.startsWith(`bootstrap/clusters/${name}/`) && f.path.endsWith(".sops.yaml")))
    .flatMap((f) => yamlDocuments(f.content).map((doc) => ({ doc, file: f.path, provider: `bootstrap secrets (${f.path})` })));
  push("bootstrap secrets", secrets);

  for (const helmfile of files.filter((f) => /^bootstrap\/helmfile\.d\/[^/]+\.ya?ml$/.test(f.path)).sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const documents = yamlDocuments(helmfile.content);
    const environment = documents.map((d) => at(d, "environments", name)).find((e) => e !== undefined);
    if (environment === undefined) continue;
    const environmentValues = Object.assign({}, ...listOf(at(environment, "values")).filter(isObject)) as Record<string, unknown>;
    const crdsOnly = /00-crds/.test(helmfile.path);
    if (crdsOnly) {
      const manifests = `bootstrap/clusters/${name}/crd-manifests.yaml`;
      for (const entry of listOf(yamlDocuments(byPath.get(manifests) ?? "")[0])) {
        const url = textAt(entry, "url") ?? "";
        const crds = manifestCrds(url);
        const provider = `phase 0 manifest ${textAt(entry, "name") ?? "?"} (${manifests})`;
        push(provider, (crds ?? []).map((doc) => ({ doc, file: manifests, provider })), crds === undefined ? [`${provider}: ${url}`] : []);
      }
    }
    for (const release of documents.flatMap((d) => listOf(at(d, "releases")))) {
      const condition = textAt(release, "condition");
      if (condition !== undefined && at(environmentValues, ...condition.split(".")) !== true) continue;
      const releaseName = textAt(release, "name") ?? "";
      const namespace = textAt(release, "namespace") ?? "default";
      const label = `${crdsOnly ? "phase 0" : "phase 1"} release ${namespace}/${releaseName}`;
      const objects = rendered({ source: "bootstrap", environment: name, namespace, name: releaseName });
      const provider = `helmfile release ${namespace}/${releaseName} (${helmfile.path})`;
      const docs = (objects ?? [])
        .map((doc) => inReleaseNamespace(doc, namespace))
        // Phase 0 keeps only the CustomResourceDefinitions (the `yq` filter of docs/bootstrap.md).
        .filter((doc) => !crdsOnly || kindOf(doc) === "CustomResourceDefinition");
      // helmfile creates the release namespace (helmDefaults.createNamespace defaults to true).
      const ns = crdsOnly ? [] : [{ doc: { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } }, file: helmfile.path, provider }];
      const chart = (textAt(release, "chart") ?? "").replace(/\/+$/, "").split("/").pop() ?? "";
      const releaseDoc = { kind: "HelmfileRelease", metadata: { name: releaseName, namespace } };
      push(
        label,
        [...ns, ...docs.map((doc) => ({ doc, file: helmfile.path, provider, release: `${namespace}/${releaseName}` }))],
        objects === undefined ? [provider] : [],
        crdsOnly ? [] : [{ chart, subject: `helmfile release ${releaseName} (${name})`, doc: releaseDoc, provider }],
      );
      for (const hook of listOf(at(release, "hooks"))) {
        const args = listOf(at(hook, "args")).map(String);
        const index = args.indexOf("--kustomize");
        if (index < 0 || args[index + 1] === undefined) continue;
        const dir = posix.normalize(posix.join(posix.dirname(helmfile.path), args[index + 1]!.replace(/\{\{-?\s*\.Environment\.Name\s*-?\}\}/g, name)));
        const target = /^--namespace=(.+)$/.exec(args.find((a) => a.startsWith("--namespace=")) ?? "")?.[1];
        const build = builds.get(dir);
        push(
          `phase 1 postsync ${namespace}/${releaseName}: kubectl apply -k ${dir}`,
          (build?.documents ?? []).map((doc) => ({
            doc: target === undefined ? doc : inReleaseNamespace(doc, target),
            file: input.origins.fileOf(doc, [dir]),
            provider: `postsync hook of ${provider}`,
          })),
        );
      }
    }
  }
}

/**
 * The CRDs of a phase 0 manifest URL, from the catalog (the manifests cannot be downloaded
 * offline); undefined for a URL the catalog does not know.
 */
export function manifestCrds(url: string): unknown[] | undefined {
  const gatewayApi = /^https:\/\/github\.com\/kubernetes-sigs\/gateway-api\/releases\/download\/(v[^/]+)\/standard-install\.yaml$/.exec(url);
  const entries = gatewayApi === null ? undefined : gatewayApiStandardCrds[gatewayApi[1]!];
  return entries?.map(crdDocument);
}

/**
 * Every step of a fresh install of one cluster: the bootstrap, then the root Kustomization the
 * FluxInstance creates, then every Flux Kustomization in dependsOn order (Kahn's algorithm,
 * ties in tree order), each with its build and the objects its HelmReleases render.
 */
export function installSteps(input: StepsInput): Step[] {
  const steps: Step[] = [];
  const push: Push = (label, objects, unrendered = [], releases = [], kustomization, after) => {
    const index = steps.length;
    steps.push({ index, label, objects, unrendered, releases, after: after ?? new Set(steps.map((s) => s.index)), ...(kustomization ? { kustomization } : {}) });
  };
  bootstrapSteps(input, push);
  // A tree without a bootstrap for this cluster is replayed on a cluster that already runs Flux
  // Operator and the core Flux controllers: their CRDs exist, nothing else does.
  if (!steps.some((s) => s.label.startsWith("phase 1 release "))) {
    const provider = "the running Flux (this tree has no bootstrap for the cluster)";
    const crds = [...fluxOperatorCrds, ...Object.values(fluxControllerCrds).flat()].map(crdDocument);
    push("pre-existing Flux", crds.map((doc) => ({ doc, file: `kubernetes/clusters/${input.cluster.cluster}`, provider })));
  }
  const bootstrapDone = new Set(steps.map((s) => s.index));

  const { cluster, origins, rendered } = input;
  const byApplier = new Map<string, AppliedObject[]>();
  for (const object of cluster.objects) byApplier.set(object.appliedBy, [...(byApplier.get(object.appliedBy) ?? []), object]);
  const kustomizations = cluster.objects.filter((o) => isFluxKustomization(o.doc));
  const stepObjects = (applier: string): StepObject[] =>
    (byApplier.get(applier) ?? []).flatMap((object) => {
      const file = object.createdBy === undefined ? origins.fileOf(object.doc, [object.dir]) : object.dir;
      const own: StepObject = { doc: object.doc, file, provider: applier };
      if (!isHelmRelease(object.doc)) return [own];
      const namespace = textAt(object.doc, "spec", "targetNamespace") ?? namespaceOf(object.doc) ?? "default";
      const releaseName = textAt(object.doc, "spec", "releaseName") ?? nameOf(object.doc);
      const docs = rendered({ source: "flux", cluster: cluster.cluster, namespace: namespaceOf(object.doc) ?? "default", name: nameOf(object.doc) }) ?? [];
      const provider = `${describeObject(object.doc)} (${applier})`;
      return [own, ...docs.map((doc) => ({ doc: inReleaseNamespace(doc, namespace), file, provider, release: `${namespace}/${releaseName}` }))];
    });
  const unrenderedOf = (applier: string): string[] =>
    (byApplier.get(applier) ?? [])
      .filter((o) => isHelmRelease(o.doc) && rendered({ source: "flux", cluster: cluster.cluster, namespace: namespaceOf(o.doc) ?? "default", name: nameOf(o.doc) }) === undefined)
      .map((o) => describeObject(o.doc));

  const releasesOf = (applier: string): ReleaseOfStep[] =>
    (byApplier.get(applier) ?? [])
      .filter((o) => isHelmRelease(o.doc))
      .map((o) => ({ chart: chartName(o.doc, cluster.objects), subject: describeObject(o.doc), values: at(o.doc, "spec", "values"), doc: o.doc, provider: `${describeObject(o.doc)} (${applier})` }));

  // The root: the FluxInstance's sync Kustomization applies kubernetes/clusters/<cluster>.
  const rootLabel = [...byApplier.keys()].find((label) => label.startsWith("the FluxInstance sync of "));
  let rootIndex: number | undefined;
  if (rootLabel !== undefined) {
    rootIndex = steps.length;
    push(`root: ${rootLabel}`, stepObjects(rootLabel), unrenderedOf(rootLabel), releasesOf(rootLabel), undefined, new Set(bootstrapDone));
  }
  const stepOf = new Map<string, number>();
  const pending = [...kustomizations];
  const dependsOn = (ks: AppliedObject): string[] =>
    listOf(at(ks.doc, "spec", "dependsOn")).map((d) => `${textAt(d, "namespace") ?? namespaceOf(ks.doc) ?? ""}/${textAt(d, "name") ?? ""}`);
  const known = new Set(kustomizations.map((k) => id(k.doc)));
  while (pending.length > 0) {
    // Targets that no Kustomization provides (reported by flux-graph) do not hold the rest up here.
    let next = pending.findIndex((ks) => dependsOn(ks).every((d) => !known.has(d) || stepOf.has(d)));
    if (next < 0) next = 0; // a cycle (reported by flux-graph): replay the rest in tree order
    const [ks] = pending.splice(next, 1);
    const label = `Kustomization ${id(ks!.doc)}`;
    if (ks!.createdBy !== undefined && stepOf.has(id(ks!.doc))) continue;
    const after = new Set(bootstrapDone);
    if (rootIndex !== undefined) after.add(rootIndex);
    for (const target of dependsOn(ks!)) {
      const index = stepOf.get(target);
      if (index === undefined) continue;
      after.add(index);
      for (const earlier of steps[index]!.after) after.add(earlier);
    }
    // The root Kustomization is the FluxInstance's own; its objects were the root step.
    if (ks!.createdBy !== undefined && rootIndex !== undefined) {
      stepOf.set(id(ks!.doc), rootIndex);
      continue;
    }
    stepOf.set(id(ks!.doc), steps.length);
    push(label, stepObjects(label), unrenderedOf(label), releasesOf(label), ks, after);
  }
  return steps;
}

/** The chart a HelmRelease installs: `spec.chart.spec.chart`, or the last path segment of its chartRef source's URL. */
function chartName(doc: unknown, objects: readonly AppliedObject[]): string {
  const direct = textAt(doc, "spec", "chart", "spec", "chart");
  if (direct !== undefined) return direct.split("/").pop() ?? direct;
  const ref = at(doc, "spec", "chartRef");
  const namespace = textAt(ref, "namespace") ?? namespaceOf(doc);
  const source = objects.find((o) => kindOf(o.doc) === textAt(ref, "kind") && nameOf(o.doc) === textAt(ref, "name") && namespaceOf(o.doc) === namespace);
  return (textAt(source?.doc, "spec", "url") ?? "").replace(/\/+$/, "").split("/").pop() ?? "";
}
