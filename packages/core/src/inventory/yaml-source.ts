import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { FieldPath } from "./finding.js";

/** A 1-based line and column in a source text. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** A YAML source parsed for validation, able to say where each field is written. */
export interface ParsedSource {
  readonly path: string;
  /** The document as plain data; undefined when the YAML has syntax errors. */
  readonly data: unknown;
  readonly syntaxErrors: readonly { readonly message: string; readonly position: Position }[];
  /**
   * Where the field at `path` is written: the value for scalars, the key for collections (or
   * when `atKey`), and the nearest existing parent when the field is missing.
   */
  locate(path: FieldPath, atKey?: boolean): Position;
}

interface Ranged {
  readonly range?: readonly [number, number, number] | null | undefined;
}

function startOf(node: unknown): number | undefined {
  return (node as Ranged | null | undefined)?.range?.[0];
}

function isEmptyScalar(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null && node.source === "");
}

/** Parses one YAML document, keeping line information for messages. */
export function parseYamlSource(path: string, text: string): ParsedSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const position = (offset: number | undefined): Position => lineCounter.linePos(offset ?? 0);

  const syntaxErrors = doc.errors.map((error) => ({
    // The first line is the message proper; further lines repeat the source context.
    message: error.message.split("\n")[0] ?? error.message,
    position: position(error.pos[0]),
  }));

  const locate = (fieldPath: FieldPath, atKey = false): Position => {
    let node: unknown = doc.contents;
    let key: unknown;
    for (const segment of fieldPath) {
      let next: { key: unknown; value: unknown } | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (pair !== undefined) next = { key: pair.key, value: pair.value };
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        next = { key: undefined, value: node.items[segment] };
      }
      // Missing field: the parent is the closest place the reader can act on.
      if (next === undefined) return position(startOf(key) ?? startOf(node));
      ({ key, value: node } = next);
    }
    const preferKey = atKey || isMap(node) || isSeq(node) || isEmptyScalar(node);
    return position((preferKey ? startOf(key) : undefined) ?? startOf(node) ?? startOf(key));
  };

  if (syntaxErrors.length > 0) return { path, data: undefined, syntaxErrors, locate };
  try {
    return { path, data: doc.toJS({ maxAliasCount: 100 }), syntaxErrors, locate };
  } catch (error) {
    // toJS throws for alias bombs and unresolvable aliases, which are input errors too.
    const message = error instanceof Error ? error.message : String(error);
    return { path, data: undefined, syntaxErrors: [{ message, position: position(0) }], locate };
  }
}
