import type { ClusterDefinition } from "./cluster.js";
import { emitYaml } from "../emit/index.js";
import { UserError } from "../errors/index.js";
import { sharedScope, type GeneratedFile } from "../files/index.js";
import { stageObjects } from "../flux/release.js";
import { kustomization, kustomizeComponent } from "../kustomize/index.js";
import { layout } from "./layout.js";
import { resourceFileNames } from "./resource-files.js";
import { validateResource } from "./validate.js";

/**
 * Renders the cluster-agnostic trees (`kubernetes/bases/<name>`, `kubernetes/components/<name>`)
 * the components ship. Several clusters may contribute the same tree; they must agree byte for
 * byte, otherwise the tree is not cluster-agnostic and belongs in a stage.
 */
export function renderSharedTrees(clusters: readonly ClusterDefinition[]): GeneratedFile[] {
  const byPath = new Map<string, { content: string; origin: string }>();
  const referenced = new Map<string, string>();
  for (const cluster of clusters) {
    for (const component of cluster.components) {
      for (const stage of component.stages) {
        for (const base of stage.bases ?? []) referenced.set(layout.base(base), `${cluster.name}/${component.name}`);
        for (const c of stage.kustomizeComponents ?? []) referenced.set(layout.kustomizeComponent(c), `${cluster.name}/${component.name}`);
      }
      for (const tree of component.shared ?? []) {
        const dir = tree.type === "base" ? layout.base(tree.name) : layout.kustomizeComponent(tree.name);
        const origin = `component ${component.name} (cluster ${cluster.name})`;
        const where = `${origin}, ${tree.type} ${tree.name}`;
        const objects = stageObjects(tree);
        for (const r of objects) validateResource(r, where);
        const source = `${tree.type} ${tree.name}`;
        const files = resourceFileNames(objects).map(({ file, resource }) => ({ path: `${dir}/${file}`, content: emitYaml([resource], { source }) }));
        const resources = files.map((f) => `./${f.path.slice(dir.length + 1)}`);
        const index =
          tree.type === "base"
            ? kustomization({ resources })
            : kustomizeComponent({ resources, patches: tree.patches?.map((p) => ({ ...p })) });
        for (const file of [...files, { path: `${dir}/kustomization.yaml`, content: emitYaml([index], { source }) }]) {
          const existing = byPath.get(file.path);
          if (existing && existing.content !== file.content) {
            throw new UserError(`${tree.type} ${tree.name} differs between ${existing.origin} and ${origin} (${file.path}); shared trees must be identical in every cluster`);
          }
          byPath.set(file.path, { content: file.content, origin });
        }
      }
    }
  }
  for (const [dir, user] of referenced) {
    if (![...byPath.keys()].some((path) => path.startsWith(`${dir}/`))) {
      throw new UserError(`${user} uses ${dir}, but no component of any cluster provides it`);
    }
  }
  return [...byPath.entries()]
    .map(([path, { content }]) => ({ path, content, scope: sharedScope }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
