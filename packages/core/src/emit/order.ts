import { isPlainObject } from "../merge/index.js";

// Kubernetes readers expect these first; everything else follows alphabetically so the
// output does not depend on the order in which code or overlays happened to set keys.
const topLevelFirst = ["apiVersion", "kind", "metadata", "spec", "data", "stringData", "type"];
const metadataFirst = ["name", "namespace", "labels", "annotations"];
const nestedFirst = ["apiVersion", "kind", "name", "namespace"];

function rank(key: string, first: readonly string[]): number {
  const index = first.indexOf(key);
  return index === -1 ? first.length : index;
}

function compareKeys(first: readonly string[]) {
  return (a: string, b: string): number => rank(a, first) - rank(b, first) || (a < b ? -1 : a > b ? 1 : 0);
}

function orderValue(value: unknown, first: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((item) => orderValue(item, nestedFirst));
  if (!isPlainObject(value)) return value;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareKeys(first))) {
    const item = value[key];
    if (item === undefined) continue;
    const ordered = orderValue(item, key === "metadata" && first === topLevelFirst ? metadataFirst : nestedFirst);
    // A data key named __proto__ (JSON.parse makes one) must stay data, not become the prototype.
    if (key === "__proto__") Object.defineProperty(result, key, { value: ordered, enumerable: true, writable: true, configurable: true });
    else result[key] = ordered;
  }
  return result;
}

/**
 * Returns a copy of a document with a stable key order: `apiVersion`, `kind`, `metadata`
 * (name, namespace, labels, annotations first) at the top, `apiVersion`, `kind`, `name`,
 * `namespace` first in nested objects (references and list items read naturally),
 * everything else sorted by code point (locale-independent). `undefined` values are dropped.
 */
export function orderDocument(document: unknown): unknown {
  return orderValue(toPlain(document), topLevelFirst);
}

/** kubernetes-models instances and other classes become plain JSON data via their toJSON(). */
export function toPlain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
