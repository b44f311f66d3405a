import microdiff from "microdiff";
import { parseAllDocuments } from "yaml";
import { compareStrings } from "./paths.js";

/** One changed field of a resource; `before`/`after` are absent for created/removed fields. */
export interface FieldChange {
  readonly path: readonly (string | number)[];
  readonly before?: unknown;
  readonly after?: unknown;
}

export type ResourceChange =
  | { readonly change: "changed"; readonly label: string; readonly fields: readonly FieldChange[] }
  | { readonly change: "added" | "removed"; readonly label: string };

interface IdentifiedDocument {
  readonly key: string;
  readonly label: string;
  readonly value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

/** Parses every non-empty document, or returns undefined when the text is not valid YAML. */
function parseDocuments(source: string): { index: number; value: unknown }[] | undefined {
  const documents: { index: number; value: unknown }[] = [];
  let index = 0;
  for (const document of parseAllDocuments(source)) {
    if (document.errors.length > 0) return undefined;
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: -1 });
    } catch {
      return undefined;
    }
    if (value !== null && value !== undefined) documents.push({ index, value });
    index++;
  }
  return documents;
}

/**
 * Kubernetes resources are identified by apiVersion/kind/namespace/name so that reordering or
 * inserting documents does not show up as changes; other documents fall back to their position.
 */
function identify(documents: readonly { index: number; value: unknown }[]): IdentifiedDocument[] {
  const seen = new Map<string, number>();
  return documents.map(({ index, value }) => {
    const metadata = isRecord(value) && isRecord(value.metadata) ? value.metadata : {};
    const kind = isRecord(value) ? text(value.kind) : undefined;
    const apiVersion = isRecord(value) ? text(value.apiVersion) : undefined;
    const name = text(metadata.name);
    const namespace = text(metadata.namespace);
    let key: string;
    let label: string;
    if (kind === undefined && name === undefined) {
      key = `#${index}`;
      label = `document ${index + 1}`;
    } else {
      key = JSON.stringify([apiVersion, kind, namespace, name]);
      const id = [namespace, name].filter((part) => part !== undefined).join("/");
      label = [kind ?? "(no kind)", id, apiVersion === undefined ? "" : `[${apiVersion}]`].filter(Boolean).join(" ");
    }
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return occurrence === 1 ? { key, label, value } : { key: `${key}#${occurrence}`, label: `${label} (#${occurrence})`, value };
  });
}

function diffValues(before: unknown, after: unknown): FieldChange[] {
  const bothObjects =
    (isRecord(before) && isRecord(after)) || (Array.isArray(before) && Array.isArray(after));
  if (bothObjects) {
    return microdiff(before as Record<string, unknown>, after as Record<string, unknown>).map((difference) => {
      if (difference.type === "CREATE") return { path: difference.path, after: difference.value };
      if (difference.type === "REMOVE") return { path: difference.path, before: difference.oldValue };
      return { path: difference.path, before: difference.oldValue, after: difference.value };
    });
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: [], before, after }];
}

/**
 * Which resources of a (multi-document) YAML file changed, were added or removed, with the field
 * paths that changed. Undefined when either side is not valid YAML.
 */
export function diffYamlResources(before: string, after: string): ResourceChange[] | undefined {
  const oldDocuments = parseDocuments(before);
  const newDocuments = parseDocuments(after);
  if (oldDocuments === undefined || newDocuments === undefined) return undefined;
  const oldByKey = new Map(identify(oldDocuments).map((document) => [document.key, document]));
  const newIdentified = identify(newDocuments);
  const newKeys = new Set(newIdentified.map((document) => document.key));
  const changes: ResourceChange[] = [];
  for (const document of newIdentified) {
    const old = oldByKey.get(document.key);
    if (old === undefined) {
      changes.push({ change: "added", label: document.label });
      continue;
    }
    const fields = diffValues(old.value, document.value);
    if (fields.length > 0) changes.push({ change: "changed", label: document.label, fields });
  }
  const removed = [...oldByKey.values()].filter((document) => !newKeys.has(document.key));
  for (const document of removed.sort((a, b) => compareStrings(a.label, b.label))) {
    changes.push({ change: "removed", label: document.label });
  }
  return changes;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `["spec", "values", "env", 0, "app.kubernetes.io/name"]` -> `spec.values.env[0]["app.kubernetes.io/name"]`. */
export function formatFieldPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === "" ? "(whole document)" : out;
}
