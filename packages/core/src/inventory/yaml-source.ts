import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
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
  readonly syntaxErrors: readonly SourceError[];
  /** Scalars no inventory field accepts (control characters, numbers out of range); the data is still usable. */
  readonly valueErrors: readonly SourceError[];
  /**
   * Where the field at `path` is written: the value for scalars, the key for collections (or
   * when `atKey`), and the nearest existing parent when the field is missing.
   */
  locate(path: FieldPath, atKey?: boolean): Position;
}

export interface SourceError {
  readonly message: string;
  readonly position: Position;
}

/** Deeper than any inventory field; more is refused before anything recurses over the document. */
export const MAX_NESTING = 64;

const STACK_OVERFLOW = /Maximum call stack size exceeded|Stack overflow/;
/** The first C0 control or DEL: a tab or a line break inside a name, address or hostname is a typo, never meant. */
function firstControl(value: string): string | undefined {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return char;
  }
  return undefined;
}

function describeControl(char: string): string {
  const code = char.charCodeAt(0);
  const name = char === "\t" ? "a tab" : char === "\n" ? "a line break" : char === "\r" ? "a carriage return" : "a control character";
  return `${name} (U+${code.toString(16).toUpperCase().padStart(4, "0")})`;
}

/**
 * Walks the document without recursion (a hostile file may nest thousands of levels): the first
 * node deeper than {@link MAX_NESTING} is a syntax error; string scalars holding a control character
 * and numbers that are not finite (`.inf`, `1e400`) are value errors, shown as written.
 */
function inspectNodes(doc: Document, text: string, position: (offset: number | undefined) => Position) {
  const syntaxErrors: SourceError[] = [];
  const valueErrors: SourceError[] = [];
  const stack: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (isMap(node) || isSeq(node)) {
      if (depth > MAX_NESTING) {
        syntaxErrors.push({ message: `nesting deeper than ${MAX_NESTING} levels; no inventory field is this deep`, position: position(startOf(node)) });
        break;
      }
      for (const item of node.items as unknown[]) {
        if (isPair(item)) stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        else stack.push({ node: item, depth: depth + 1 });
      }
    } else if (isScalar(node)) {
      const range = (node as Ranged).range;
      const written = range ? text.slice(range[0], range[1]) : String(node.value);
      if (typeof node.value === "string") {
        const control = firstControl(node.value);
        if (control !== undefined) {
          valueErrors.push({
            message: `${JSON.stringify(node.value.length > 80 ? `${node.value.slice(0, 77)}...` : node.value)} contains ${describeControl(control)}; inventory values are names, addresses and identifiers, which cannot hold control characters`,
            position: position(startOf(node)),
          });
        }
      } else if (typeof node.value === "number" && !Number.isFinite(node.value)) {
        valueErrors.push({ message: `${written} is not a finite number`, position: position(startOf(node)) });
      }
    }
  }
  return { syntaxErrors, valueErrors };
}

/** The key a DUPLICATE_KEY error points at, as written. */
function duplicateKeyAt(doc: Document, offset: number): string | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isMap(node) && !isSeq(node)) continue;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        if (isScalar(item.key) && startOf(item.key) === offset) return String(item.key.value);
        stack.push(item.key, item.value);
      } else stack.push(item);
    }
  }
  return undefined;
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

  const parserErrors: SourceError[] = [];
  for (const error of doc.errors) {
    // The first line is the message proper; further lines repeat the source context.
    let message = error.message.split("\n")[0] ?? error.message;
    if (STACK_OVERFLOW.test(message)) {
      // The parser recursed out of stack on deeply nested flow collections: one clear message.
      if (parserErrors.some((known) => known.message.startsWith("nesting too deep"))) continue;
      message = `nesting too deep for the YAML parser; no inventory field is deeper than ${MAX_NESTING} levels`;
    } else if (error.code === "DUPLICATE_KEY") {
      const key = duplicateKeyAt(doc, error.pos[0]);
      message = `duplicate key ${key === undefined ? "" : `${JSON.stringify(key)} `}(each key may appear only once in a mapping)`;
    }
    parserErrors.push({ message, position: position(error.pos[0]) });
  }
  const inspected = parserErrors.length > 0 ? { syntaxErrors: [], valueErrors: [] } : inspectNodes(doc, text, position);
  const syntaxErrors = [...parserErrors, ...inspected.syntaxErrors];
  const valueErrors = inspected.valueErrors;

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

  if (syntaxErrors.length > 0) return { path, data: undefined, syntaxErrors, valueErrors, locate };
  try {
    return { path, data: doc.toJS({ maxAliasCount: 100 }), syntaxErrors, valueErrors, locate };
  } catch (error) {
    // toJS throws for alias bombs and unresolvable aliases, which are input errors too.
    const message = error instanceof Error ? error.message : String(error);
    return { path, data: undefined, syntaxErrors: [{ message, position: position(0) }], valueErrors, locate };
  }
}
