import { refKey, type Component } from "../component/index.js";
import { emitYaml } from "../emit/index.js";
import { UserError, showValue } from "../errors/index.js";
import { clusterScope, sharedScope, type GeneratedFile } from "../files/index.js";
import { coreHelmfile, crdsHelmfile, type PlacedRelease } from "./helmfile.js";
import { bootstrapLayout } from "./layout.js";
import { releaseFacts } from "./release.js";
import { renderSecretsTemplate } from "./secrets.js";
import type { BootstrapCluster, BootstrapInput, CoreRelease, CrdChart, CrdManifest } from "./types.js";

const isManifest = (entry: CrdChart | CrdManifest): entry is CrdManifest => "url" in entry;
const crdCharts = (cluster: BootstrapCluster): CrdChart[] => cluster.crds.filter((entry): entry is CrdChart => !isManifest(entry));

/** The CRD manifests of a cluster as `[{ name, url }]`, checked: pinned https URLs, unique names. */
function crdManifests(cluster: BootstrapCluster): CrdManifest[] {
  const manifests = cluster.crds.filter(isManifest);
  const problems = manifests.flatMap((manifest) =>
    /^https:\/\/[^\s{}]+$/.test(manifest.url) ? [] : [`CRD manifest ${showValue(manifest.name)}: url must be an https:// URL, got ${showValue(manifest.url)}`],
  );
  const names = manifests.map((manifest) => manifest.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) problems.push(`CRD manifest ${showValue(duplicate)} is listed twice`);
  if (problems.length > 0) throw new UserError(`cluster ${cluster.name}: invalid bootstrap CRD manifests`, problems);
  return manifests.map(({ name, url }) => ({ name, url }));
}

const asCoreRelease = (entry: Component | CoreRelease): CoreRelease => ("component" in entry ? entry : { component: entry });

/** Inserts comment lines right after the generated-file header line. */
function withNotes(content: string, notes: readonly string[]): string {
  const [header = "", ...rest] = content.split("\n");
  return [header, ...notes.map((note) => `# ${note}`), ...rest].join("\n");
}

/** Resolves one cluster's phase 1 list: release facts, order, postsync stages; checks what can be checked here. */
function placeCore(cluster: BootstrapCluster): PlacedRelease[] {
  const where = `cluster ${cluster.name}, bootstrap`;
  const entries = cluster.core.map(asCoreRelease);
  const position = new Map(entries.map((entry, index) => [refKey(entry.component), index]));
  if (position.size !== entries.length) throw new UserError(`${where}: a component is listed twice in the core releases`);
  const rendered = cluster.components ? new Set(cluster.components) : undefined;
  const placed: PlacedRelease[] = [];
  entries.forEach((entry, index) => {
    const { component } = entry;
    const id = refKey(component);
    if (rendered && !rendered.has(component)) {
      throw new UserError(`${where}: core release ${id} is not one of the cluster's components, so Flux would never take it over`);
    }
    // A core release can only wait for what phase 1 installed before it (or phase 0 CRDs).
    const needs = [...(component.dependsOn ?? []), ...(component.stages[0]?.dependsOn ?? [])];
    for (const dependency of needs) {
      const at = position.get(refKey(dependency));
      if (at !== undefined && at > index) {
        throw new UserError(`${where}: core release ${id} depends on ${refKey(dependency)}, which is listed after it; move it earlier`);
      }
    }
    const stages = entry.postsyncStages ?? [];
    for (const stage of stages) {
      if (!component.stages.some((s) => s.name === stage)) {
        throw new UserError(
          `${where}: core release ${id} has no stage ${showValue(stage)} to apply after sync (stages: ${component.stages.map((s) => s.name).join(", ")})`,
        );
      }
    }
    const facts = releaseFacts(cluster.name, component);
    const previous = placed[index - 1];
    const duplicate = placed.find((p) => p.facts.name === facts.name);
    if (duplicate) {
      throw new UserError(
        `${where}: two core releases are named ${showValue(facts.name)} (${duplicate.component.namespace}/${duplicate.component.name} and ${id})`,
      );
    }
    placed.push({
      cluster: cluster.name,
      facts,
      component,
      postsyncStages: stages,
      ...(previous ? { after: `${previous.facts.namespace}/${previous.facts.name}` } : {}),
    });
  });
  return placed;
}

/**
 * The bootstrap of every cluster, from the same component values Flux renders:
 * - `bootstrap/helmfile.d/00-crds.yaml`: phase 0, the CRD charts (`helmfile -e <cluster> template`);
 * - `bootstrap/helmfile.d/01-core.yaml`: phase 1, the core releases chained with `needs`
 *   (`helmfile -e <cluster> sync`), release names and namespaces equal to the HelmReleases';
 * - `bootstrap/clusters/<cluster>/<release>.yaml`: each release's values, the HelmRelease's `spec.values`;
 * - `bootstrap/clusters/<cluster>/crd-manifests.yaml`: CRDs published as plain manifests (phase 0);
 * - `bootstrap/clusters/<cluster>/secrets.yaml.tpl`: the secrets needed before Flux, as `op://` references.
 * One helmfile environment per cluster; a release some cluster does not run is disabled there
 * with a `condition`. Pure: returns files, writes nothing.
 */
export function renderBootstrap(input: BootstrapInput): GeneratedFile[] {
  const names = input.clusters.map((cluster) => cluster.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new UserError(`bootstrap: cluster ${showValue(duplicate)} is listed twice`);
  if (names.length === 0) return [];
  const placed = input.clusters.map(placeCore);
  const files: GeneratedFile[] = [
    {
      path: bootstrapLayout.crds,
      content: withNotes(emitYaml(crdsHelmfile(names, input.clusters.map(crdCharts)), { source: "the bootstrap phase 0 CRD charts", preserveOrder: true }), [
        "Phase 0: CRDs only. Never sync this file; render and apply it server-side:",
        "  helmfile -e <cluster> -f bootstrap/helmfile.d/00-crds.yaml template -q | yq ea -e 'select(.kind == \"CustomResourceDefinition\")' | kubectl apply --server-side -f -",
      ]),
      scope: sharedScope,
    },
    {
      path: bootstrapLayout.core,
      content: withNotes(emitYaml(coreHelmfile(names, placed), { source: "the bootstrap phase 1 core releases", preserveOrder: true }), [
        "Phase 1: the releases Flux needs to run, then Flux itself. Flux adopts them afterwards.",
        "  helmfile -e <cluster> -f bootstrap/helmfile.d/01-core.yaml sync",
      ]),
      scope: sharedScope,
    },
  ];
  for (const [index, cluster] of input.clusters.entries()) {
    const scope = clusterScope(cluster.name);
    for (const release of placed[index]!) {
      const source = `HelmRelease ${release.component.namespace}/${release.component.name} (cluster ${cluster.name})`;
      files.push({ path: bootstrapLayout.values(cluster.name, release.facts.name), content: emitYaml([release.facts.values], { source }), scope });
    }
    const manifests = crdManifests(cluster);
    if (manifests.length > 0) {
      files.push({
        path: bootstrapLayout.crdManifests(cluster.name),
        content: withNotes(emitYaml([manifests], { source: `the bootstrap CRD manifests of cluster ${cluster.name}`, preserveOrder: true }), [
          "Phase 0, before the CRD charts: kubectl apply --server-side -f <url> for each entry.",
        ]),
        scope,
      });
    }
    if (cluster.secrets?.length) {
      const path = bootstrapLayout.secrets(cluster.name);
      files.push({ path, content: renderSecretsTemplate(cluster.name, cluster.secrets, path), scope });
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
