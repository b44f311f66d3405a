import type { Component, Resource } from "../component/index.js";
import { toPlain } from "../emit/index.js";
import { UserError, showValue } from "../errors/index.js";

/** A helm release as phase 1 installs it, read from the component's own Flux objects. */
export interface ReleaseFacts {
  /** Helm release name, exactly the one helm-controller uses, so Flux adopts the release. */
  readonly name: string;
  readonly namespace: string;
  /** What helmfile's `chart:` takes: `oci://registry/path/chart` or `<repository>/<chart>`. */
  readonly chart: string;
  readonly version: string;
  /** The classic Helm repository the chart comes from (helmfile `repositories:`). */
  readonly repository?: { readonly name: string; readonly url: string };
  /** `spec.values` of the HelmRelease, as plain data. */
  readonly values: Readonly<Record<string, unknown>>;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const plain = (resource: Resource): Json => toPlain(resource) as Json;
const nameOf = (doc: Json): string | undefined => (isObject(doc.metadata) ? (doc.metadata.name as string | undefined) : undefined);
const namespaceOf = (doc: Json): string | undefined => (isObject(doc.metadata) ? (doc.metadata.namespace as string | undefined) : undefined);
const field = (doc: Json, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), doc);

// Flux accepts ranges (`1.x`, `>=1.2`); a bootstrap must install exactly what Flux will keep.
const exactVersion = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/;

/**
 * Reads the HelmRelease of a component's first stage and the OCIRepository or HelmRepository it
 * points at: one source of truth for the Flux tree and the bootstrap helmfile.
 */
export function releaseFacts(cluster: string, component: Component): ReleaseFacts {
  const where = `cluster ${cluster}, bootstrap release ${component.namespace}/${component.name}`;
  const fail = (message: string): never => {
    throw new UserError(`${where}: ${message}`);
  };
  const first = component.stages[0]?.resources.map(plain) ?? [];
  const all = component.stages.flatMap((stage) => stage.resources.map(plain));
  const releases = first.filter((doc) => doc.kind === "HelmRelease" && String(doc.apiVersion).startsWith("helm.toolkit.fluxcd.io/"));
  const release = releases.find((doc) => nameOf(doc) === component.name) ?? (releases.length === 1 ? releases[0] : undefined);
  if (!release) {
    const found = releases.map(nameOf);
    return fail(
      found.length === 0
        ? `the first stage ${showValue(component.stages[0]?.name)} has no HelmRelease to install`
        : `the first stage has several HelmReleases (${found.join(", ")}) and none is named ${showValue(component.name)}`,
    );
  }
  const hrName = nameOf(release) ?? component.name;
  const hrNamespace = namespaceOf(release) ?? component.namespace;
  const spec = isObject(release.spec) ? release.spec : {};
  const describe = `HelmRelease ${hrNamespace}/${hrName}`;
  if (Array.isArray(spec.valuesFrom) && spec.valuesFrom.length > 0) {
    fail(`${describe} sets spec.valuesFrom ${showValue(spec.valuesFrom)}; the bootstrap cannot read cluster objects, keep the values inline`);
  }
  if (Array.isArray(spec.postRenderers) && spec.postRenderers.length > 0) {
    fail(`${describe} sets spec.postRenderers; the bootstrap could not install the same manifests Flux will keep`);
  }
  const targetNamespace = spec.targetNamespace as string | undefined;
  const namespace = targetNamespace ?? hrNamespace;
  const storageNamespace = (spec.storageNamespace as string | undefined) ?? hrNamespace;
  if (storageNamespace !== namespace) {
    fail(`${describe} stores its release in ${showValue(storageNamespace)} but installs into ${showValue(namespace)}; helmfile cannot reproduce that`);
  }
  const name = (spec.releaseName as string | undefined) ?? (targetNamespace ? `${targetNamespace}-${hrName}` : hrName);
  const values = isObject(spec.values) ? spec.values : {};
  const source = (kind: string, sourceName: string): Json => {
    const found = first.find((doc) => doc.kind === kind && nameOf(doc) === sourceName) ?? all.find((doc) => doc.kind === kind && nameOf(doc) === sourceName);
    return found ?? fail(`${describe} refers to ${kind} ${showValue(sourceName)}, which the component does not define`);
  };
  const pinned = (version: unknown, path: string): string =>
    typeof version === "string" && exactVersion.test(version)
      ? version
      : fail(`${path} must be an exact chart version for the bootstrap, got ${showValue(version)}`);

  if (isObject(spec.chartRef)) {
    const ref = spec.chartRef;
    if (ref.kind !== "OCIRepository") return fail(`${describe} spec.chartRef.kind ${showValue(ref.kind)} is not supported (only OCIRepository)`);
    const repo = source("OCIRepository", String(ref.name));
    const version = pinned(field(repo, "spec", "ref", "tag"), `OCIRepository ${String(ref.name)} spec.ref.tag`);
    return { name, namespace, chart: String(field(repo, "spec", "url")), version, values };
  }
  const chartSpec = field(spec, "chart", "spec");
  if (!isObject(chartSpec)) return fail(`${describe} has neither spec.chartRef nor spec.chart.spec`);
  const sourceRef = isObject(chartSpec.sourceRef) ? chartSpec.sourceRef : {};
  if (sourceRef.kind !== "HelmRepository") {
    return fail(`${describe} spec.chart.spec.sourceRef.kind ${showValue(sourceRef.kind)} is not supported (only HelmRepository)`);
  }
  const repo = source("HelmRepository", String(sourceRef.name));
  const url = String(field(repo, "spec", "url"));
  const chartName = String(chartSpec.chart);
  const version = pinned(chartSpec.version, `${describe} spec.chart.spec.version`);
  if (field(repo, "spec", "type") === "oci") return { name, namespace, chart: `${url.replace(/\/+$/, "")}/${chartName}`, version, values };
  const repositoryName = nameOf(repo) ?? String(sourceRef.name);
  return { name, namespace, chart: `${repositoryName}/${chartName}`, version, repository: { name: repositoryName, url }, values };
}
