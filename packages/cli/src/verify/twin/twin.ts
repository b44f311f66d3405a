import { showValue } from "@k8s-gitops/core/errors";
import { bootstrapValues } from "../bootstrap-values.js";
import type { ClusterObjects } from "../flux-tree.js";
import type { BuildResult } from "../kustomize.js";
import { apiVersionOf, at, describeObject, isObject, kindOf, nameOf, namespaceOf, textAt } from "../objects.js";
import type { OriginIndex } from "../origins.js";
import { type Problem, problem } from "../problems.js";
import type { TreeFile } from "../tree.js";
import { builtInGroups, clusterScopedBuiltIns, perNamespaceObjects, systemNamespaces, systemPriorityClasses } from "./catalog.js";
import { groupKindOf, groupOfDoc, keyOfDoc, objectKey } from "./keys.js";
import { fluxInstanceSpec, type Keys, madeBy } from "./made.js";
import { type Reference, referencesOf, valuesReferences } from "./references.js";
import { installSteps, type RenderedObjects, type Step } from "./steps.js";

export interface TwinInput {
  readonly clusters: readonly ClusterObjects[];
  readonly files: readonly TreeFile[];
  readonly builds: ReadonlyMap<string, BuildResult>;
  readonly origins: OriginIndex;
  /** The objects each Helm release renders; without it every release is "not rendered". */
  readonly rendered?: RenderedObjects;
}

export interface TwinCounts {
  readonly steps: number;
  readonly objects: number;
  /** Namespaces, CRDs, decryption Secrets, health checks and object references that resolved. */
  readonly resolved: number;
  /** Releases whose objects the twin did not get (no Helm render): what they create is unknown. */
  readonly unrendered: number;
  /** References nobody in the tree provides that an unrendered release might: not judged. */
  readonly unverifiable: number;
  /** Time the replay took. */
  readonly seconds: number;
}

export interface TwinResult {
  readonly problems: readonly Problem[];
  readonly counts: TwinCounts;
}

/** Who provides an object, and in which step. */
interface Provision {
  readonly step: number;
  readonly provider: string;
  readonly keys: Keys;
  readonly doc: unknown;
}

const crdKey = (groupKind: string): string => `crd ${groupKind}`;
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Data keys of a Secret or ConfigMap as applied (`data`, `stringData`, `binaryData`). */
function keysOfDoc(doc: unknown): Keys {
  const keys = ["data", "stringData", "binaryData"].flatMap((field) => {
    const value = at(doc, field);
    return isObject(value) ? Object.keys(value) : [];
  });
  return keys;
}

const namespaceDoc = (name: string): unknown => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } });

/** The kind of a groupKind for messages (`Secret`, `cert-manager.io/ClusterIssuer` → `ClusterIssuer`). */
const kindOfKey = (groupKind: string): string => groupKind.slice(groupKind.lastIndexOf("/") + 1);

class ClusterTwin {
  readonly problems: Problem[] = [];
  resolved = 0;
  unverifiable = 0;
  private readonly provided = new Map<string, Provision[]>();
  private readonly unrenderedNamespaces = new Set<string>();
  private anyUnrendered = false;
  private sopsAgeSecret: { readonly namespace: string; readonly name: string } | undefined;

  constructor(
    readonly cluster: string,
    readonly steps: readonly Step[],
    private readonly bootstrapReleaseValues: ReadonlyMap<string, unknown>,
  ) {}

  private provide(key: string, provision: Provision): void {
    this.provided.set(key, [...(this.provided.get(key) ?? []), provision]);
  }

  /** `Namespaced`, `Cluster` or undefined (unknown CRD) for a custom kind; built-ins from the catalog. */
  private readonly scopes = new Map<string, string>();

  /** The key the API server stores an object under: cluster-scoped objects have no namespace, whatever the manifest says. */
  private keysOf(doc: unknown): string[] {
    const groupKind = groupKindOf(doc);
    const scope = builtInGroups.has(groupOfDoc(doc)) ? (clusterScopedBuiltIns.has(kindOf(doc)) ? "Cluster" : "Namespaced") : this.scopes.get(groupKind);
    const clusterKey = objectKey(groupKind, undefined, nameOf(doc));
    if (scope === "Cluster") return [clusterKey];
    if (scope === undefined && namespaceOf(doc) !== undefined) return [keyOfDoc(doc), clusterKey];
    return [keyOfDoc(doc)];
  }

  private provideObject(doc: unknown, step: number, provider: string, keys?: Keys): void {
    for (const key of this.keysOf(doc)) this.provide(key, { step, provider, keys: keys ?? keysOfDoc(doc), doc });
    if (groupKindOf(doc) === "/Namespace") {
      for (const object of perNamespaceObjects) {
        const made = { apiVersion: "v1", kind: object.kind, metadata: { name: object.name, namespace: nameOf(doc) } };
        this.provide(keyOfDoc(made), { step, provider: "kube-controller-manager", keys: object.keys ?? [], doc: made });
      }
    }
    if (groupKindOf(doc) === "apiextensions.k8s.io/CustomResourceDefinition") {
      const group = textAt(doc, "spec", "group") ?? "";
      const kind = textAt(doc, "spec", "names", "kind") ?? "";
      this.provide(crdKey(`${group}/${kind}`), { step, provider, keys: [], doc });
    }
  }

  /** Pass 1: everything each step creates, directly or through a controller. */
  index(): void {
    for (const step of this.steps) {
      const docs = [...step.objects.map((o) => o.doc), ...step.objects.flatMap((o) => madeBy(o.doc).map((m) => m.doc))];
      for (const release of step.releases) docs.push(...madeBy(release.doc, { chart: release.chart, values: release.values ?? this.bootstrapReleaseValues.get(release.subject) }).map((m) => m.doc));
      for (const doc of docs.filter((d) => groupKindOf(d) === "apiextensions.k8s.io/CustomResourceDefinition")) {
        this.scopes.set(`${textAt(doc, "spec", "group") ?? ""}/${textAt(doc, "spec", "names", "kind") ?? ""}`, textAt(doc, "spec", "scope") ?? "Namespaced");
      }
    }
    for (const name of systemNamespaces) this.provideObject(namespaceDoc(name), -1, "the API server");
    for (const name of systemPriorityClasses) this.provideObject({ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name } }, -1, "the API server");
    for (const step of this.steps) {
      for (const object of step.objects) {
        this.provideObject(object.doc, step.index, object.provider);
        for (const made of madeBy(object.doc)) this.provideObject(made.doc, step.index, made.by, made.keys);
      }
      for (const release of step.releases) {
        const values = release.values ?? this.bootstrapReleaseValues.get(release.subject);
        for (const made of madeBy(release.doc, { chart: release.chart, values })) this.provideObject(made.doc, step.index, `${release.provider}: ${made.by}`, made.keys);
        const spec = fluxInstanceSpec(release.doc, values);
        if (spec !== undefined) this.sopsAgeSecret ??= sopsAgeSecretOf(spec, namespaceOf(release.doc) ?? "flux-system");
      }
      for (const object of step.objects) {
        const spec = kindOf(object.doc) === "FluxInstance" ? fluxInstanceSpec(object.doc) : undefined;
        if (spec !== undefined) this.sopsAgeSecret ??= sopsAgeSecretOf(spec, namespaceOf(object.doc) ?? "flux-system");
      }
      if (step.unrendered.length > 0) this.anyUnrendered = true;
      for (const release of step.releases) if (step.unrendered.includes(release.provider) || step.unrendered.includes(describeObject(release.doc))) {
        this.unrenderedNamespaces.add(textAt(release.doc, "spec", "targetNamespace") ?? namespaceOf(release.doc) ?? "");
      }
    }
  }

  /** Providers of `key` that have certainly finished (or run in this very step) when `step` runs. */
  private ready(key: string, step: Step): Provision[] {
    return (this.provided.get(key) ?? []).filter((p) => p.step < 0 || p.step === step.index || step.after.has(p.step));
  }

  private report(file: string, subject: string, missing: string, providedBy: string): void {
    this.problems.push(problem("twin", file, `${subject}: ${missing} (provided by: ${providedBy})`));
  }

  /** "nobody", or the providers that exist but do not run before `step`. */
  private laterProviders(key: string): string {
    const providers = [...new Set((this.provided.get(key) ?? []).map((p) => p.provider))];
    return providers.length === 0 ? "nobody" : `${providers.join(", ")}, which does not run before this step`;
  }

  /** A reference that an unrendered chart might satisfy is not judged, only counted. */
  private unverifiableRef(namespace: string | undefined): boolean {
    return namespace === undefined ? this.anyUnrendered : this.unrenderedNamespaces.has(namespace);
  }

  /**
   * Namespace and CRD of each object, needed when the object is applied: the API server rejects
   * an object in a missing namespace (NamespaceLifecycle admission) and a kind no CRD serves
   * (kustomize-controller: "no matches for kind"). Within one step, CRDs and Namespaces go first
   * (fluxcd/pkg ssa ResourceManager.ApplyAllStaged; Helm installs crds/ before templates).
   */
  private checkPlacement(step: Step): void {
    const reportedNamespaces = new Set<string>();
    for (const object of step.objects) {
      const { doc } = object;
      const subject = this.subject(object);
      const group = groupOfDoc(doc);
      const groupKind = groupKindOf(doc);
      let namespaced = !clusterScopedBuiltIns.has(kindOf(doc));
      if (!builtInGroups.has(group)) {
        const crds = this.ready(crdKey(groupKind), step);
        if (crds.length === 0) {
          if (this.anyUnrendered && (this.provided.get(crdKey(groupKind)) ?? []).length === 0) this.unverifiable++;
          else this.report(object.file, subject, `CRD for ${groupKind} is not installed before it`, this.laterProviders(crdKey(groupKind)));
          continue;
        }
        const version = apiVersionOf(doc).slice(group.length + 1);
        const served = crds.flatMap((p) => listOf(at(p.doc, "spec", "versions")).map((v) => textAt(v, "name") ?? ""));
        if (!served.includes(version)) {
          this.report(object.file, subject, `CRD for ${groupKind} does not serve version ${version} (serves ${served.join(", ")})`, crds[0]!.provider);
          continue;
        }
        this.resolved++;
        namespaced = crds.some((p) => textAt(p.doc, "spec", "scope") === "Namespaced");
      }
      const namespace = namespaceOf(doc);
      if (!namespaced || namespace === undefined || reportedNamespaces.has(namespace)) continue;
      const key = keyOfDoc(namespaceDoc(namespace));
      if (this.ready(key, step).length > 0) this.resolved++;
      // A namespace no step creates at all is the `namespace` check's finding; the twin adds the order.
      else if ((this.provided.get(key) ?? []).length > 0) {
        reportedNamespaces.add(namespace);
        this.report(object.file, subject, `namespace ${showValue(namespace)} does not exist when it is applied`, this.laterProviders(key));
      }
    }
  }

  private subject(object: Step["objects"][number]): string {
    return object.release === undefined ? describeObject(object.doc) : `${describeObject(object.doc)} (rendered by release ${object.release})`;
  }

  /**
   * The Flux Kustomization of a step: its decryption Secret (kustomize-controller
   * internal/decryptor/decryptor.go ImportKeys: `secretRef` from the Kustomization's namespace,
   * else the `--sops-age-secret` Secret of the controller's namespace) must exist when it is
   * reconciled, and each `healthCheckExprs` entry must match a health-checked object
   * (internal/controller/kustomization_controller.go checkHealth: with `wait: false` only
   * `spec.healthChecks` are checked; expressions match by GroupKind, fluxcd/pkg runtime/cel).
   */
  private checkKustomization(step: Step): void {
    const object = step.kustomization;
    if (object === undefined) return;
    const ks = object.doc;
    const file = this.fileOfKustomization(step);
    const subject = describeObject(ks);
    const decryption = at(ks, "spec", "decryption");
    if (isObject(decryption) && textAt(decryption, "provider") === "sops") {
      const secretName = textAt(decryption, "secretRef", "name");
      const target = secretName !== undefined ? { namespace: namespaceOf(ks) ?? "", name: secretName } : this.sopsAgeSecret;
      if (target !== undefined) {
        const key = objectKey("/Secret", target.namespace, target.name);
        const field = secretName !== undefined ? "spec.decryption.secretRef" : "the kustomize-controller --sops-age-secret";
        if (this.ready(key, step).length > 0) this.resolved++;
        else this.report(file, subject, `${field} Secret ${target.namespace}/${target.name} does not exist when it is reconciled`, this.laterProviders(key));
      }
    }
    const wait = at(ks, "spec", "wait") === true;
    const checks = listOf(at(ks, "spec", "healthChecks"));
    const checkedKinds = new Set(
      wait
        ? step.objects.filter((o) => o.release === undefined).map((o) => groupKindOf(o.doc))
        : checks.map((c) => `${(textAt(c, "apiVersion") ?? "").replace(/\/?[^/]*$/, "")}/${textAt(c, "kind") ?? ""}`),
    );
    for (const [i, expr] of listOf(at(ks, "spec", "healthCheckExprs")).entries()) {
      const apiVersion = textAt(expr, "apiVersion") ?? "";
      const groupKind = `${apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : ""}/${textAt(expr, "kind") ?? ""}`;
      if (checkedKinds.has(groupKind)) this.resolved++;
      else {
        const why = wait ? "no object it applies has that kind" : "wait is false and spec.healthChecks lists no object of that kind";
        this.report(file, subject, `spec.healthCheckExprs[${i}] ${apiVersion} ${textAt(expr, "kind")} is never evaluated: ${why}`, "nobody");
      }
    }
    for (const [i, check] of checks.entries()) {
      const apiVersion = textAt(check, "apiVersion") ?? "";
      const groupKind = `${apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : ""}/${textAt(check, "kind") ?? ""}`;
      const key = objectKey(groupKind, textAt(check, "namespace") ?? namespaceOf(ks), textAt(check, "name") ?? "");
      const clusterKey = objectKey(groupKind, undefined, textAt(check, "name") ?? "");
      if ((this.provided.get(key) ?? this.provided.get(clusterKey)) !== undefined) this.resolved++;
      else this.report(file, subject, `spec.healthChecks[${i}] ${kindOfKey(groupKind)} ${textAt(check, "namespace") ?? ""}/${textAt(check, "name")} is never created, so the health check times out`, "nobody");
    }
  }

  private fileOfKustomization(step: Step): string {
    return step.kustomization?.createdBy === undefined ? this.kustomizationFile.get(step.index) ?? step.kustomization!.dir : step.kustomization.dir;
  }

  readonly kustomizationFile = new Map<number, string>();

  /**
   * References that must resolve to an object some step creates: pods stay Pending (or are never
   * created) and controllers keep failing until it exists; the twin requires a creator, not an order.
   */
  private checkReferences(step: Step): void {
    const check = (file: string, subject: string, ref: Reference): void => {
      const key = objectKey(ref.groupKind, ref.namespace, ref.name);
      const provisions = this.provided.get(key) ?? [];
      const kind = kindOfKey(ref.groupKind);
      const target = `${kind} ${ref.namespace === undefined ? "" : `${ref.namespace}/`}${ref.name}`;
      if (provisions.length === 0) {
        if (this.unverifiableRef(ref.namespace)) this.unverifiable++;
        else this.report(file, subject, `${ref.field} names ${target}, which is never created`, "nobody");
        return;
      }
      if (ref.key !== undefined && !provisions.some((p) => p.keys === "any" || p.keys.includes(ref.key!))) {
        const keys = [...new Set(provisions.flatMap((p) => (p.keys === "any" ? [] : p.keys)))].sort();
        this.report(file, subject, `${ref.field} reads key ${showValue(ref.key)} of ${target}, which has only ${keys.length === 0 ? "no keys" : keys.join(", ")}`, [...new Set(provisions.map((p) => p.provider))].join(", "));
        return;
      }
      this.resolved++;
    };
    for (const object of step.objects) for (const ref of referencesOf(object.doc)) check(object.file, this.subject(object), ref);
    for (const release of step.releases) {
      if (release.values !== undefined) continue; // a HelmRelease: its values were checked with the object
      const values = this.bootstrapReleaseValues.get(release.subject);
      const file = step.objects.find((o) => o.provider === release.provider)?.file ?? "bootstrap/helmfile.d";
      for (const ref of valuesReferences(values, namespaceOf(release.doc) ?? "default")) check(file, release.subject, ref);
    }
  }

  replay(origins: OriginIndex): void {
    for (const step of this.steps) {
      if (step.kustomization !== undefined && step.kustomization.createdBy === undefined) {
        this.kustomizationFile.set(step.index, origins.fileOf(step.kustomization.doc, [step.kustomization.dir]));
      }
      this.checkPlacement(step);
      this.checkKustomization(step);
      this.checkReferences(step);
    }
  }
}

/** `--sops-age-secret=<name>` among the FluxInstance's kustomize-controller patches, in the instance namespace. */
function sopsAgeSecretOf(spec: unknown, namespace: string): { namespace: string; name: string } | undefined {
  for (const patch of listOf(at(spec, "kustomize", "patches"))) {
    const name = textAt(patch, "target", "name") ?? "";
    if (!new RegExp(`^(${name})$`).test("kustomize-controller")) continue;
    const flag = /--sops-age-secret=([^\s"']+)/.exec(textAt(patch, "patch") ?? "");
    if (flag !== null) return { namespace, name: flag[1]! };
  }
  return undefined;
}

/**
 * Replays a fresh install of every cluster (see docs/verify.md, "The twin"): bootstrap
 * namespaces and secrets, phase 0 CRDs, phase 1 releases with their postsync stages, then every
 * Flux Kustomization in dependsOn order with its build and its HelmReleases' rendered objects,
 * checking at each step what the API server and the controllers need at that moment.
 */
export function runTwin(input: TwinInput): TwinResult {
  const start = process.hrtime.bigint();
  const rendered: RenderedObjects = input.rendered ?? (() => undefined);
  const values = new Map(bootstrapValues(input.files).items.map((item) => [item.subject, item.values]));
  const problems: Problem[] = [];
  let steps = 0;
  let objects = 0;
  let resolved = 0;
  let unrendered = 0;
  let unverifiable = 0;
  for (const cluster of input.clusters) {
    const clusterSteps = installSteps({ cluster, files: input.files, builds: input.builds, origins: input.origins, rendered });
    const twin = new ClusterTwin(cluster.cluster, clusterSteps, values);
    twin.index();
    twin.replay(input.origins);
    problems.push(...twin.problems);
    steps += clusterSteps.length;
    objects += clusterSteps.reduce((sum, s) => sum + s.objects.length, 0);
    unrendered += clusterSteps.reduce((sum, s) => sum + s.unrendered.length, 0);
    resolved += twin.resolved;
    unverifiable += twin.unverifiable;
  }
  return { problems, counts: { steps, objects, resolved, unrendered, unverifiable, seconds: Number(process.hrtime.bigint() - start) / 1e9 } };
}


