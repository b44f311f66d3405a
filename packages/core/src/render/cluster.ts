import { Namespace } from "kubernetes-models/v1";
import { describeResource, type Component } from "../component/index.js";
import { emitYaml } from "../emit/index.js";
import { UserError, showValue } from "../errors/index.js";
import { clusterScope, type GeneratedFile } from "../files/index.js";
import { stageObjects } from "../flux/release.js";
import { kustomization } from "../kustomize/index.js";
import { resolveDependencies } from "./graph.js";
import { componentKustomizations } from "./ks.js";
import { checkGitPath, defaultGitPath, layout, relativeDir } from "./layout.js";
import { renderStage } from "./stage.js";
import { assertResourceIdentity } from "./validate.js";

/** A cluster as the renderer sees it: its name and the component values it runs. */
export interface ClusterDefinition {
  readonly name: string;
  readonly components: readonly Component[];
  /**
   * Folder of the output inside the Git repository, for Flux paths; set once per estate in the
   * cluster context (`defineCluster`), so the FluxInstance and the Kustomizations cannot disagree.
   * @default "generated"
   */
  readonly gitPath?: string;
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

function assertUnique(cluster: ClusterDefinition): void {
  const ids = new Map<string, string>();
  const resources = new Map<string, string>();
  for (const component of cluster.components) {
    const id = `${component.namespace}/${component.name}`;
    if (ids.has(component.name)) {
      throw new UserError(`cluster ${cluster.name} runs two components named ${showValue(component.name)} (${ids.get(component.name)} and ${id})`);
    }
    ids.set(component.name, id);
    for (const stage of component.stages) {
      for (const resource of stageObjects(stage)) {
        // Identity first: a resource without apiVersion or kind is a UserError naming the component.
        assertResourceIdentity(resource, `cluster ${cluster.name}, component ${id}, stage ${stage.name}`);
        const key = `${resource.apiVersion.split("/")[0]}/${resource.kind}/${resource.metadata?.namespace ?? component.namespace}/${resource.metadata?.name}`;
        const owner = `${component.name}/${stage.name}`;
        const previous = resources.get(key);
        if (previous) {
          throw new UserError(`cluster ${cluster.name}: ${describeResource(resource)} is defined by both ${previous} and ${owner}`);
        }
        resources.set(key, owner);
      }
    }
  }
}

function namespaceObjects(cluster: ClusterDefinition): Namespace[] {
  const labels = new Map<string, Record<string, string>>();
  for (const component of cluster.components) {
    const current = labels.get(component.namespace) ?? {};
    for (const [key, value] of Object.entries(component.namespaceLabels ?? {})) {
      if (current[key] !== undefined && current[key] !== value) {
        throw new UserError(
          `cluster ${cluster.name}: namespace ${component.namespace} gets label ${key}=${showValue(current[key])} and ${key}=${showValue(value)} (from ${component.name})`,
        );
      }
      current[key] = value;
    }
    labels.set(component.namespace, current);
  }
  return sorted(labels.keys()).map(
    (name) =>
      new Namespace({
        metadata: {
          name,
          // Flux must never delete a namespace (and everything in it) because an app moved.
          annotations: { "kustomize.toolkit.fluxcd.io/prune": "disabled" },
          ...(Object.keys(labels.get(name)!).length ? { labels: labels.get(name) } : {}),
        },
      }),
  );
}

/**
 * Renders one cluster's Flux tree: the entry point `kubernetes/clusters/<cluster>/` (namespaces
 * plus the area folders), per area and category a kustomization listing the apps' `ks.yaml`,
 * and per app its `ks.yaml` and stage folders. Pure: returns files, writes nothing.
 */
export function renderCluster(cluster: ClusterDefinition): GeneratedFile[] {
  const gitPath = checkGitPath(cluster.gitPath ?? defaultGitPath);
  const scope = clusterScope(cluster.name);
  const source = `cluster ${cluster.name}`;
  assertUnique(cluster);
  const dependencies = resolveDependencies(cluster.name, cluster.components);
  const files: GeneratedFile[] = [];

  for (const component of cluster.components) {
    const ks = componentKustomizations(cluster.name, component, dependencies, gitPath);
    files.push({
      path: `${layout.app(cluster.name, component)}/ks.yaml`,
      content: emitYaml(ks, { source: `component ${component.name} (cluster ${cluster.name})` }),
      scope,
    });
    for (const stage of component.stages) files.push(...renderStage(cluster.name, component, stage));
  }

  const categories = new Map<string, Component[]>();
  for (const component of cluster.components) {
    const dir = layout.category(cluster.name, component);
    categories.set(dir, [...(categories.get(dir) ?? []), component]);
  }
  for (const [dir, members] of categories) {
    const resources = sorted(members.map((c) => `./${c.name}/ks.yaml`));
    files.push({ path: `${dir}/kustomization.yaml`, content: emitYaml([kustomization({ resources })], { source }), scope });
  }
  const areas = sorted(cluster.components.map((c) => c.area));
  for (const area of areas) {
    const dir = layout.area(cluster.name, area);
    const resources = sorted(cluster.components.filter((c) => c.area === area).map((c) => `./${c.category}`));
    files.push({ path: `${dir}/kustomization.yaml`, content: emitYaml([kustomization({ resources })], { source }), scope });
  }

  const entry = layout.clusterEntry(cluster.name);
  files.push(
    { path: `${entry}/namespaces.yaml`, content: emitYaml(namespaceObjects(cluster), { source }), scope },
    {
      path: `${entry}/kustomization.yaml`,
      content: emitYaml(
        [kustomization({ resources: ["./namespaces.yaml", ...areas.map((area) => relativeDir(entry, layout.area(cluster.name, area)))] })],
        { source },
      ),
      scope,
    },
  );
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
