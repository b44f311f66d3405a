import type { Component, Stage } from "../component/index.js";
import { emitYaml } from "../emit/index.js";
import { UserError } from "../errors/index.js";
import { clusterScope, type GeneratedFile } from "../files/index.js";
import { stageObjects } from "../flux/release.js";
import { kustomization } from "../kustomize/index.js";
import { layout, relativeDir } from "./layout.js";
import { resourceFileNames } from "./resource-files.js";
import { validateResource } from "./validate.js";

/** Renders a stage folder: one file per resource plus the kustomization.yaml listing them. */
export function renderStage(cluster: string, component: Component, stage: Stage): GeneratedFile[] {
  const dir = layout.stage(cluster, component, stage.name);
  const where = `cluster ${cluster}, component ${component.namespace}/${component.name}, stage ${stage.name}`;
  const source = `component ${component.name} (cluster ${cluster})`;
  const scope = clusterScope(cluster);
  const bases = (stage.bases ?? []).map((name) => relativeDir(dir, layout.base(name)));
  const objects = stageObjects(stage);
  if (objects.length === 0 && bases.length === 0) throw new UserError(`${where}: the stage has no releases and no resources`);
  for (const resource of objects) validateResource(resource, where);
  const files = resourceFileNames(objects).map(({ file, resource }) => ({
    path: `${dir}/${file}`,
    content: emitYaml([resource], { source }),
    scope,
  }));
  const manifest = kustomization({
    resources: [...bases, ...files.map((f) => `./${f.path.slice(dir.length + 1)}`)],
    components: (stage.kustomizeComponents ?? []).map((name) => relativeDir(dir, layout.kustomizeComponent(name))),
  });
  return [...files, { path: `${dir}/kustomization.yaml`, content: emitYaml([manifest], { source }), scope }];
}
