import { toPlain } from "../emit/index.js";
import { UserError, showValue } from "../errors/index.js";
import { merge, type DeepPartial } from "../merge/index.js";
import type { Component, Stage } from "./component.js";
import { describeResource, isModelResource, type Resource } from "./resource.js";

/** Which emitted objects a patch applies to; every given field must match. */
export interface ObjectSelector {
  readonly kind: string;
  /** Matches `apiVersion` exactly, or its group when it has no `/` (e.g. `"dragonflydb.io"`). @default any */
  readonly apiVersion?: string;
  /** @default any */
  readonly name?: string;
  /** Only objects of this stage (or shared tree) of a component. @default every stage and shared tree */
  readonly stage?: string;
}

/**
 * An overlay deep-merged over the object with the project's merge (objects merge, arrays replace,
 * `append(...)`/`mergeByKey(...)` where replacing is wrong, `null` kept), or a function from the
 * object's JSON to its new JSON.
 */
export type Patch<T> = DeepPartial<T> | ((object: T) => T);

type Json = Record<string, unknown>;

const matches = (selector: ObjectSelector, resource: Resource): boolean =>
  resource.kind === selector.kind &&
  (selector.apiVersion === undefined ||
    (selector.apiVersion.includes("/") ? resource.apiVersion === selector.apiVersion : resource.apiVersion.split("/")[0] === selector.apiVersion)) &&
  (selector.name === undefined || resource.metadata?.name === selector.name);

function apply<T>(resource: Resource, change: Patch<T>): Resource {
  const plain = toPlain(resource) as T;
  const next = (typeof change === "function" ? (change as (object: T) => T)(plain) : merge(plain, change)) as Json;
  if (next.kind !== resource.kind || next.apiVersion !== resource.apiVersion) {
    throw new UserError(`patch of ${describeResource(resource)}: a patch must not change apiVersion or kind (got ${showValue(next.apiVersion)} ${showValue(next.kind)})`);
  }
  // A kubernetes-models object stays one, so render still validates it against its schema.
  if (isModelResource(resource)) {
    const Model = resource.constructor as new (data: Json) => Resource;
    return new Model(next);
  }
  return next as unknown as Resource;
}

function patchList<T>(resources: readonly Resource[], selector: ObjectSelector, change: Patch<T>, hits: { count: number }): Resource[] {
  return resources.map((resource) => {
    if (!matches(selector, resource)) return resource;
    hits.count += 1;
    return apply(resource, change);
  });
}

const describeSelector = (selector: ObjectSelector): string =>
  [selector.apiVersion, selector.kind, selector.name, selector.stage && `in stage ${selector.stage}`].filter(Boolean).join(" ");

/**
 * The one seam to override any object a component (or a stage) emits, like cdk8s `addJsonPatch`
 * or jsonnet `+:`: returns a copy in which every object the selector matches is patched. A
 * selector that matches nothing is an error, so a misspelled kind or name cannot pass silently.
 * Releases are not objects here: override a chart through the component's `values` prop.
 */
export function patch<C extends Component | Stage, T = Json>(target: C, selector: ObjectSelector, change: Patch<T>): C {
  const hits = { count: 0 };
  const inScope = (name: string): boolean => selector.stage === undefined || selector.stage === name;
  let result: C;
  if ("stages" in target) {
    const component = target as Component;
    result = {
      ...component,
      stages: component.stages.map((stage) => (inScope(stage.name) ? { ...stage, resources: patchList(stage.resources, selector, change, hits) } : stage)),
      ...(component.shared
        ? { shared: component.shared.map((tree) => (inScope(tree.name) ? { ...tree, resources: patchList(tree.resources, selector, change, hits) } : tree)) }
        : {}),
    } as unknown as C;
  } else {
    const stage = target as Stage;
    result = (inScope(stage.name) ? { ...stage, resources: patchList(stage.resources, selector, change, hits) } : stage) as unknown as C;
  }
  if (hits.count === 0) {
    const owner = "stages" in target ? `component ${showValue((target as Component).name)}` : `stage ${showValue((target as Stage).name)}`;
    throw new UserError(`patch: ${owner} emits no object matching ${describeSelector(selector)}`);
  }
  return result;
}
