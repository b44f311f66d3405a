import { referenceDocument } from "./reference.js";
import { fastString, yamlString } from "./scalar.js";

/** Counters for how often the fast emitter had to ask yaml; the benchmark and tests read them. */
export interface EmitStats {
  documents: number;
  /** Documents written entirely by the reference path (unusual input, see {@link emitDocument}). */
  documentFallbacks: number;
  strings: number;
  /** Strings the character scan could not decide, written by yaml's own scalar stringifier. */
  stringFallbacks: number;
}

export function emptyStats(): EmitStats {
  return { documents: 0, documentFallbacks: 0, strings: 0, stringFallbacks: 0 };
}

// Thrown inside a document to hand the whole document to the reference path.
const fallback = Symbol("fallback");

// Same key order as order.ts: these first, everything else by UTF-16 code unit.
const topLevelFirst = rankMap(["apiVersion", "kind", "metadata", "spec", "data", "stringData", "type"]);
const metadataFirst = rankMap(["name", "namespace", "labels", "annotations"]);
const nestedFirst = rankMap(["apiVersion", "kind", "name", "namespace"]);
type Ranks = ReadonlyMap<string, number>;

function rankMap(first: readonly string[]): Ranks {
  return new Map(first.map((key, index) => [key, index]));
}

const comparators = new Map<Ranks, (a: string, b: string) => number>(
  [topLevelFirst, metadataFirst, nestedFirst].map((ranks) => {
    const last = ranks.size;
    return [ranks, (a: string, b: string) => (ranks.get(a) ?? last) - (ranks.get(b) ?? last) || (a < b ? -1 : a > b ? 1 : 0)];
  }),
);

// Manifests reuse a small vocabulary of keys: their text is looked up rather than rescanned.
const keyCache = new Map<string, string>();
const keyCacheLimit = 10_000;

// Deeper than this is either a cycle or not a manifest: the reference path decides (and throws for cycles).
const maxDepth = 256;
const indents: string[] = Array.from({ length: maxDepth + 2 }, (_, depth) => " ".repeat(2 * depth));

// JSON.stringify drops these in objects and writes null for them in arrays.
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** V8 (like every engine) lists array-index keys first, ascending, whatever the insertion order. */
function isArrayIndex(key: string): boolean {
  // "" has no first character: charCodeAt gives NaN, which no range check below rejects.
  if (key === "") return false;
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57) return false;
  if (first === 48) return key.length === 1;
  for (let i = 1; i < key.length; i++) {
    const ch = key.charCodeAt(i);
    if (ch < 48 || ch > 57) return false;
  }
  return key.length < 10 || Number(key) < 4294967295;
}

class Emitter {
  constructor(
    private readonly preserveOrder: boolean,
    private readonly stats: EmitStats | undefined,
  ) {}

  /** JSON.stringify's view of a value: toJSON() applied; boxed primitives and bigints are left to the reference. */
  private json(value: unknown, key: string | number): unknown {
    if (value !== null && typeof value === "object") {
      const toJSON = (value as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") value = toJSON.call(value, String(key)) as unknown;
      if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        const proto: unknown = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null && (value instanceof Number || value instanceof String || value instanceof Boolean)) throw fallback;
      }
    } else if (typeof value === "bigint") {
      throw fallback;
    }
    return value;
  }

  private string(value: string, indent: string, implicitKey: boolean): string {
    if (this.stats) this.stats.strings++;
    const text = fastString(value);
    if (text !== undefined) return text;
    if (this.stats) this.stats.stringFallbacks++;
    return yamlString(value, indent, implicitKey);
  }

  /** A key's text; remembered when the scan decided it, since then it does not depend on the indent. */
  private key(name: string, indent: string): string {
    if (this.stats) this.stats.strings++;
    const cached = keyCache.get(name);
    if (cached !== undefined) return cached;
    const text = fastString(name);
    if (text === undefined) {
      if (this.stats) this.stats.stringFallbacks++;
      return yamlString(name, indent, true);
    }
    if (name.length <= 128) {
      if (keyCache.size >= keyCacheLimit) keyCache.clear();
      keyCache.set(name, text);
    }
    return text;
  }

  /** A scalar value's text, or undefined for objects and arrays. */
  private scalar(value: unknown, depth: number): string | undefined {
    switch (typeof value) {
      case "string":
        return this.string(value, indents[depth]!, false);
      case "number":
        return Number.isFinite(value) ? String(value) : "null";
      case "boolean":
        return value ? "true" : "false";
      case "object":
        return value === null ? "null" : undefined;
      default:
        return "null";
    }
  }

  private order(keys: string[], ranks: Ranks): string[] {
    // Array-index keys stay first (ascending) even after the reference path's re-insertion in sorted order.
    let indexed = 0;
    while (indexed < keys.length && isArrayIndex(keys[indexed]!)) indexed++;
    if (indexed >= keys.length - 1) return keys;
    // Most objects arrive in order already (built in order, or sorted before): check before sorting.
    const last = ranks.size;
    let previous = keys[indexed]!;
    let previousRank = ranks.get(previous) ?? last;
    let sorted = true;
    for (let i = indexed + 1; i < keys.length; i++) {
      const key = keys[i]!;
      const rank = ranks.get(key) ?? last;
      if (rank < previousRank || (rank === previousRank && key < previous)) {
        sorted = false;
        break;
      }
      previous = key;
      previousRank = rank;
    }
    if (sorted) return keys;
    const compare = comparators.get(ranks)!;
    if (indexed === 0) return keys.sort(compare);
    return [...keys.slice(0, indexed), ...keys.slice(indexed).sort(compare)];
  }

  /** Block mapping at `depth`; '' when JSON keeps no key (the caller writes `{}`). */
  map(object: Record<string, unknown>, depth: number, ranks: Ranks): string {
    if (depth > maxDepth) throw fallback;
    let keys = Object.keys(object);
    if (!this.preserveOrder && keys.length > 1) keys = this.order(keys, ranks);
    const indent = indents[depth]!;
    const inner = depth + 1;
    const innerIndent = indents[inner]!;
    let out = "";
    for (const name of keys) {
      const value = this.json(object[name], name);
      if (isOmitted(value)) continue;
      const key = this.key(name, innerIndent);
      if (key.length > 1024) throw fallback; // yaml switches to an explicit `? key`
      if (out !== "") out += `\n${indent}`;
      const text = this.scalar(value, inner);
      if (text !== undefined) {
        out += `${key}: ${text}`;
        continue;
      }
      if (Array.isArray(value)) {
        const body = this.seq(value, inner);
        out += body === "" ? `${key}: []` : `${key}:\n${innerIndent}${body}`;
      } else {
        const body = this.map(value as Record<string, unknown>, inner, ranks === topLevelFirst && name === "metadata" ? metadataFirst : nestedFirst);
        out += body === "" ? `${key}: {}` : `${key}:\n${innerIndent}${body}`;
      }
    }
    return out;
  }

  /** Block sequence whose dashes sit at `depth` (indentSeq); '' when empty. */
  seq(array: readonly unknown[], depth: number): string {
    if (depth > maxDepth) throw fallback;
    const indent = indents[depth]!;
    const inner = depth + 1;
    let out = "";
    for (let i = 0; i < array.length; i++) {
      if (i > 0) out += `\n${indent}`;
      const value = this.json(array[i], i);
      const text = this.scalar(value, inner);
      if (text !== undefined) {
        out += `- ${text}`;
        continue;
      }
      const body = Array.isArray(value) ? this.seq(value, inner) : this.map(value as Record<string, unknown>, inner, nestedFirst);
      out += body === "" ? (Array.isArray(value) ? "- []" : "- {}") : `- ${body}`;
    }
    return out;
  }

  document(document: unknown): string {
    const value = this.json(document, "");
    if (value === null || typeof value !== "object") throw fallback; // scalar documents: rare, root rules differ
    const body = Array.isArray(value) ? this.seq(value, 0) : this.map(value as Record<string, unknown>, 0, topLevelFirst);
    if (body === "") return Array.isArray(value) ? "[]\n" : "{}\n";
    return `${body}\n`;
  }
}

/**
 * One document as YAML, byte-identical to {@link referenceDocument}, in a single pass over the
 * data: toJSON(), key order and emission together, with no JSON round trip and no node tree.
 * Strings not provably plain go through yaml's own scalar stringifier; a document outside the
 * plain-JSON subset (scalar root, boxed primitive, bigint, key longer than 1024 characters,
 * nesting deeper than 256) is written by the reference path, so equality holds by construction.
 */
export function emitDocument(document: unknown, preserveOrder = false, stats?: EmitStats): string {
  if (stats) stats.documents++;
  try {
    return new Emitter(preserveOrder, stats).document(document);
  } catch (error) {
    if (error !== fallback) throw error;
    if (stats) stats.documentFallbacks++;
    return referenceDocument(document, preserveOrder);
  }
}
