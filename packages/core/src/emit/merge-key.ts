import { UserError } from "../errors/index.js";
import { toPlain } from "./order.js";

/** JSON pointers of every `<<` key in a JSON-like value. */
function mergeKeyPointers(value: unknown, pointer = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => mergeKeyPointers(item, `${pointer}/${index}`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const here = `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    return [...(key === "<<" ? [here] : []), ...mergeKeyPointers(item, here)];
  });
}

function describe(document: unknown): string {
  const { kind, metadata } = (document ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof kind !== "string") return "";
  const name = typeof metadata?.name === "string" ? ` ${typeof metadata.namespace === "string" ? `${metadata.namespace}/` : ""}${metadata.name}` : "";
  return ` (${kind}${name})`;
}

/** The error for a document holding a `<<` key: where it is, and why it cannot be written. */
export function mergeKeyUserError(source: string, index: number, document: unknown): UserError {
  const pointers = mergeKeyPointers(toPlain(document));
  return new UserError(
    `${source}: document ${index + 1}${describe(toPlain(document))} has a key "<<", which cannot be written: kustomize reads a "<<" key as a YAML merge key, quoted or not, and fails the build or drops the key`,
    pointers.map((pointer) => `at ${pointer}`),
  );
}
