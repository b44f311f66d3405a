import { showValue } from "@k8s-gitops/core/errors";
import { parse } from "yaml";
import { type BootstrapRelease, mergeValues } from "./bootstrap-values.js";
import type { AppliedObject, ClusterObjects } from "./flux-tree.js";
import type { ReleaseToRender } from "./helm-render.js";
import { chartOf } from "./helm-values.js";
import { at, describeObject, isHelmRelease, isObject, type Json, kindOf, nameOf, namespaceOf, textAt } from "./objects.js";
import type { OriginIndex } from "./origins.js";
import { type Problem, problem } from "./problems.js";

/** Sets `value` at a dotted `targetPath` (Helm strvals: `a.b.c`), creating mappings on the way. */
function setPath(values: Json, targetPath: string, value: string): Json {
  const keys = targetPath.split(".");
  const result: Json = { ...values };
  let current = result;
  for (const key of keys.slice(0, -1)) {
    const next = isObject(current[key]) ? { ...(current[key] as Json) } : {};
    current[key] = next;
    current = next;
  }
  current[keys[keys.length - 1]!] = value;
  return result;
}

/**
 * The values helm-controller passes to Helm (internal/chartutil/values.go,
 * ChartValuesFromReferences): each `spec.valuesFrom` ConfigMap/Secret of the release's namespace
 * in order (key `valuesKey`, default `values.yaml`; merged, or set as a string at `targetPath`;
 * a missing one is an error unless `optional`), then `spec.values` merged on top.
 */
export function resolveValues(release: unknown, objects: readonly AppliedObject[]): { values: Json; problems: string[] } {
  const namespace = namespaceOf(release);
  let values: Json = {};
  const problems: string[] = [];
  const refs = at(release, "spec", "valuesFrom");
  for (const ref of Array.isArray(refs) ? refs : []) {
    const kind = textAt(ref, "kind") ?? "";
    const name = textAt(ref, "name") ?? "";
    const key = textAt(ref, "valuesKey") ?? "values.yaml";
    const optional = at(ref, "optional") === true;
    const source = objects.find((o) => kindOf(o.doc) === kind && nameOf(o.doc) === name && namespaceOf(o.doc) === namespace)?.doc;
    let text: string | undefined;
    if (kind === "ConfigMap") text = textAt(source, "data", key);
    else if (kind === "Secret") {
      const encoded = textAt(source, "data", key);
      text = encoded === undefined ? textAt(source, "stringData", key) : Buffer.from(encoded, "base64").toString("utf8");
    }
    if (text === undefined) {
      if (!optional) problems.push(`valuesFrom ${kind} ${namespace}/${name} key ${showValue(key)} is not in the tree of this cluster, so its values cannot be known`);
      continue;
    }
    const targetPath = textAt(ref, "targetPath");
    if (targetPath !== undefined && targetPath !== "") {
      values = setPath(values, targetPath, text);
      continue;
    }
    const parsed: unknown = parse(text);
    if (parsed !== null && !isObject(parsed)) {
      problems.push(`valuesFrom ${kind} ${namespace}/${name} key ${showValue(key)} is not a YAML mapping`);
      continue;
    }
    if (isObject(parsed)) values = mergeValues(values, parsed);
  }
  const inline = at(release, "spec", "values");
  if (isObject(inline)) values = mergeValues(values, inline);
  return { values, problems };
}

/**
 * The release of every HelmRelease Flux applies, per cluster, as helm-controller would install it:
 * release name (api/v2 HelmRelease.GetReleaseName: `spec.releaseName`, else
 * `<spec.targetNamespace>-<name>` when a target namespace is set, else the name), namespace
 * (`spec.targetNamespace`, else the HelmRelease's), values with `valuesFrom`, post-renderers and the
 * origin labels helm-controller adds (`helm.toolkit.fluxcd.io/name` and `/namespace`).
 */
export function fluxReleases(clusters: readonly ClusterObjects[], origins: OriginIndex): { releases: ReleaseToRender[]; problems: Problem[] } {
  const releases: ReleaseToRender[] = [];
  const problems: Problem[] = [];
  for (const { cluster, objects } of clusters) {
    for (const object of objects.filter((o) => isHelmRelease(o.doc))) {
      const doc = object.doc;
      const file = origins.fileOf(doc, [object.dir]);
      const resolution = chartOf(doc, objects);
      // Unresolved charts are the helm-values check's finding already.
      if (resolution === undefined || "unresolved" in resolution) continue;
      const { values, problems: valueProblems } = resolveValues(doc, objects);
      for (const message of valueProblems) problems.push(problem("helm-render", file, `${describeObject(doc)}: ${message}`));
      if (valueProblems.length > 0) continue;
      const name = nameOf(doc);
      const ownNamespace = namespaceOf(doc) ?? "default";
      const targetNamespace = textAt(doc, "spec", "targetNamespace");
      const commonLabels = at(doc, "spec", "commonMetadata", "labels");
      const postRenderers = at(doc, "spec", "postRenderers");
      releases.push({
        cluster,
        file,
        subject: describeObject(doc),
        releaseName: textAt(doc, "spec", "releaseName") ?? (targetNamespace === undefined ? name : `${targetNamespace}-${name}`),
        namespace: targetNamespace ?? ownNamespace,
        ref: resolution.ref,
        values,
        valuesPath: "spec.values",
        includeCrds: textAt(doc, "spec", "install", "crds") !== "Skip",
        disableHooks: at(doc, "spec", "install", "disableHooks") === true,
        postRenderers: Array.isArray(postRenderers) ? postRenderers : [],
        originLabels: {
          ...(isObject(commonLabels) ? (commonLabels as Record<string, string>) : {}),
          "helm.toolkit.fluxcd.io/name": name,
          "helm.toolkit.fluxcd.io/namespace": ownNamespace,
        },
      });
    }
  }
  return { releases, problems };
}

/** Bootstrap helmfile releases as `helmfile sync`/`template` passes them to Helm (CRDs included, as `helm install` does). */
export function bootstrapReleases(items: readonly BootstrapRelease[]): ReleaseToRender[] {
  return items.map((item) => ({
    cluster: item.environment,
    file: item.file,
    subject: item.subject,
    releaseName: item.releaseName,
    namespace: item.namespace,
    ref: item.ref,
    values: isObject(item.values) ? item.values : {},
    valuesPath: item.valuesPath,
    includeCrds: true,
    disableHooks: item.disableHooks,
    postRenderers: [],
    originLabels: {},
  }));
}
