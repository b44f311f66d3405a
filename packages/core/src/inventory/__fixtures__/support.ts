// Helpers for the inventory tests: valid fixture texts, exact text edits, and where a piece of
// text sits (computed by plain string search, independently of the YAML parser under test).
import { readFileSync } from "node:fs";
import { isUserError } from "../../errors/index.js";
import { parseInventories, type InventorySource } from "../parse.js";

const fixture = (name: string): string => readFileSync(new URL(`./${name}`, import.meta.url), "utf8");

export const infraPath = "clusters/infra/inventory.yaml";
export const appsPath = "clusters/apps/inventory.yaml";
export const validInfra = fixture("infra.yaml");
export const validApps = fixture("apps.yaml");

/** The two fixture sources, with optional replacement texts. */
export function sources(texts: { infra?: string; apps?: string } = {}): InventorySource[] {
  return [
    { path: infraPath, text: texts.infra ?? validInfra },
    { path: appsPath, text: texts.apps ?? validApps },
  ];
}

/** Replaces `search`, which must occur exactly once, so a test never edits the wrong place. */
export function replaceOnce(text: string, search: string, replacement: string): string {
  const count = text.split(search).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(search)}, found ${count}`);
  return text.replace(search, () => replacement);
}

/** `path:line:col` of `needle` inside the only occurrence of `context` (default: the needle itself). */
export function at(path: string, text: string, context: string, needle = context): string {
  const count = text.split(context).length - 1;
  if (count !== 1) throw new Error(`expected exactly one ${JSON.stringify(context)}, found ${count}`);
  const inner = context.indexOf(needle);
  if (inner < 0 || context.indexOf(needle, inner + 1) >= 0) {
    throw new Error(`expected exactly one ${JSON.stringify(needle)} inside ${JSON.stringify(context)}`);
  }
  const offset = text.indexOf(context) + inner;
  const before = text.slice(0, offset).split("\n");
  return `${path}:${before.length}:${(before.at(-1) ?? "").length + 1}`;
}

/** `path:line:col` of the `n`-th (1-based) occurrence of `needle`. */
export function atOccurrence(path: string, text: string, needle: string, n: number): string {
  const parts = text.split(needle);
  if (parts.length - 1 < n) throw new Error(`expected ${n} occurrences of ${JSON.stringify(needle)}`);
  const before = parts.slice(0, n).join(needle).split("\n");
  return `${path}:${before.length}:${(before.at(-1) ?? "").length + 1}`;
}

/** The problems of the UserError that parsing must throw. */
export function problemsOf(input: readonly InventorySource[]): readonly string[] {
  try {
    parseInventories(input);
  } catch (error) {
    if (isUserError(error)) return error.problems;
    throw error;
  }
  throw new Error("expected parseInventories to throw a UserError");
}
