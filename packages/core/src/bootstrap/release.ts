import type { Component } from "../component/index.js";
import { UserError, showValue } from "../errors/index.js";
import { chartAddress } from "../flux/index.js";

/** A helm release as phase 1 installs it: the component's own typed release, as helmfile needs it. */
export interface ReleaseFacts {
  /** Helm release name, exactly the one helm-controller uses, so Flux adopts the release. */
  readonly name: string;
  readonly namespace: string;
  /** What helmfile's `chart:` takes: `oci://registry/path/chart` or `<repository>/<chart>`. */
  readonly chart: string;
  readonly version: string;
  /** The classic Helm repository the chart comes from (helmfile `repositories:`). */
  readonly repository?: { readonly name: string; readonly url: string };
  /** The release's values, the very object the HelmRelease carries in `spec.values`. */
  readonly values: Readonly<Record<string, unknown>>;
}

// Flux accepts ranges (`1.x`, `>=1.2`); a bootstrap must install exactly what Flux will keep.
const exactVersion = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?$/;

/**
 * The release of a component's first stage (the one named like the component, or its only one),
 * as helmfile installs it. Release name and namespace follow helm-controller
 * (api/v2/helmrelease_types.go GetReleaseName: `<targetNamespace>-<name>` when a target namespace
 * is set; GetStorageNamespace: the HelmRelease namespace unless storageNamespace is set), so Flux
 * adopts the release phase 1 installed.
 */
export function releaseFacts(cluster: string, component: Component): ReleaseFacts {
  const where = `cluster ${cluster}, bootstrap release ${component.namespace}/${component.name}`;
  const fail = (message: string): never => {
    throw new UserError(`${where}: ${message}`);
  };
  const releases = component.stages[0]?.releases ?? [];
  const release = releases.find((r) => r.name === component.name) ?? (releases.length === 1 ? releases[0] : undefined);
  if (!release) {
    return fail(
      releases.length === 0
        ? `the first stage ${showValue(component.stages[0]?.name)} has no release to install`
        : `the first stage has several releases (${releases.map((r) => r.name).join(", ")}) and none is named ${showValue(component.name)}`,
    );
  }
  const options = release.options ?? {};
  const describe = `release ${component.namespace}/${release.name}`;
  if (Array.isArray(options.valuesFrom) && options.valuesFrom.length > 0) {
    fail(`${describe} sets options.valuesFrom ${showValue(options.valuesFrom)}; the bootstrap cannot read cluster objects, keep the values inline`);
  }
  if (Array.isArray(options.postRenderers) && options.postRenderers.length > 0) {
    fail(`${describe} sets options.postRenderers; the bootstrap could not install the same manifests Flux will keep`);
  }
  const targetNamespace = options.targetNamespace;
  const namespace = targetNamespace ?? component.namespace;
  const storageNamespace = options.storageNamespace ?? component.namespace;
  if (storageNamespace !== namespace) {
    fail(`${describe} stores its release in ${showValue(storageNamespace)} but installs into ${showValue(namespace)}; helmfile cannot reproduce that`);
  }
  const name = options.releaseName ?? (targetNamespace ? `${targetNamespace}-${release.name}` : release.name);
  const { chart } = release;
  const version = exactVersion.test(chart.version)
    ? chart.version
    : fail(`${describe} chart ${chart.name}: the version must be exact for the bootstrap, got ${showValue(chart.version)}`);
  const values = release.values ?? {};
  if (chart.type === "oci") return { name, namespace, chart: chartAddress(chart), version, values };
  return { name, namespace, chart: chartAddress(chart), version, repository: { name: chart.repositoryName, url: chart.repository }, values };
}
