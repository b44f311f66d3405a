import { AppendOp, isListOp, type ListOp, MergeByKeyOp } from "./list-ops.js";

/**
 * What an overlay may say about a value of type T: any subset of its fields, recursively;
 * `null` to delete (kept in the output, because Helm reads null as "remove this default");
 * list markers from {@link append} and {@link mergeByKey}.
 */
export type DeepPartial<T> = T extends readonly (infer U)[] ? readonly U[] | ListOp<U> | null : T extends object ? DeepPartialObject<T> : T | null;

/**
 * The object case of {@link DeepPartial}, as a named alias so that a compiler message names the type
 * (`'replicaCout' does not exist in type 'DeepPartialObject<CorednsValues>'`) instead of spelling out
 * its whole expansion.
 */
export type DeepPartialObject<T> = { [K in keyof T]?: DeepPartial<T[K]> | null };

type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A data key named `__proto__` (JSON and YAML allow it) must stay a key, not replace the prototype. */
function assign(target: PlainObject, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const own = (object: PlainObject, key: string): unknown => (Object.hasOwn(object, key) ? object[key] : undefined);

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) {
    const copy: PlainObject = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) assign(copy, key, clone(item));
    return copy;
  }
  // List markers are immutable and must survive until they meet a base list (composition).
  return value;
}

function mergeTwo(base: unknown, overlay: unknown): unknown {
  if (overlay === undefined) return clone(base);
  if (isListOp(overlay)) {
    if (isListOp(base)) return base.andThen(overlay);
    return overlay.apply(Array.isArray(base) ? (base.map(clone) as unknown[]) : []);
  }
  if (isPlainObject(overlay) && isPlainObject(base)) {
    const result: PlainObject = {};
    for (const key of Object.keys(base)) {
      if (base[key] !== undefined) assign(result, key, clone(base[key]));
    }
    for (const key of Object.keys(overlay)) {
      const merged = mergeTwo(own(base, key), overlay[key]);
      if (merged !== undefined) assign(result, key, merged);
    }
    return result;
  }
  return clone(overlay);
}

/**
 * Layers overlays onto a base, Jsonnet style: objects merge recursively, arrays replace,
 * `undefined` means "not set" (the base value stays), `null` is kept as a value. The result
 * shares nothing mutable with the inputs, and the inputs are never modified.
 *
 * Associative as long as no overlay changes a key from object to non-object or back
 * (the same restriction Jsonnet's `+:` has).
 */
export function merge<T>(base: T, ...overlays: readonly (DeepPartial<T> | undefined)[]): T {
  return overlays.reduce<unknown>((acc, overlay) => mergeTwo(acc, overlay), clone(base)) as T;
}

/** Overlay marker: append items to the base list instead of replacing it. */
export function append<T>(...items: readonly T[]): ListOp<T> {
  return new AppendOp(items.map((item) => clone(item) as T));
}

/**
 * Overlay marker: merge list items that share `key` (default `name`) with {@link merge};
 * items with a new key are appended, order of the base is preserved.
 */
export function mergeByKey<T extends object>(items: readonly DeepPartial<T>[], key = "name" as keyof T & string): ListOp<T> {
  return new MergeByKeyOp<T>(key, items.map((item) => clone(item) as T), (a, b) => merge(a, b as DeepPartial<T>));
}
