import type { ErrorObject } from "ajv";
import { showValue } from "../errors/index.js";

/** One schema violation: where (JSON pointer into the validated value, `""` = root) and what. */
export interface SchemaProblem {
  readonly path: string;
  readonly message: string;
}

// Keywords whose offending value is the surrounding object: printing it would only add noise.
const keywordsWithoutValue = new Set([
  "required",
  "additionalProperties",
  "unevaluatedProperties",
  "dependencies",
  "dependentRequired",
  "propertyNames",
  "anyOf",
  "oneOf",
  "allOf",
  "not",
  "if",
  "minProperties",
  "maxProperties",
]);

/** Decodes a JSON pointer into its reference tokens (`/a~1b/0` → `["a/b", "0"]`). */
export function pointerTokens(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Encodes reference tokens as a JSON pointer. */
export function toPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/** The value at a JSON pointer, or undefined when the path does not exist. */
export function valueAtPointer(value: unknown, pointer: string): unknown {
  let current = value;
  for (const token of pointerTokens(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[token];
  }
  return current;
}

function messageOf(error: ErrorObject, data: unknown): string {
  const base = error.message ?? error.keyword;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return `${base} (${showValue(params["additionalProperty"])})`;
    case "unevaluatedProperties":
      return `${base} (${showValue(params["unevaluatedProperty"])})`;
    case "enum": {
      const allowed = Array.isArray(params["allowedValues"]) ? params["allowedValues"] : [];
      return `${base} ${allowed.map(showValue).join(", ")} (got ${showValue(valueAtPointer(data, error.instancePath))})`;
    }
    default:
      if (keywordsWithoutValue.has(error.keyword)) return base;
      return `${base} (got ${showValue(valueAtPointer(data, error.instancePath))})`;
  }
}

/** Turns ajv errors into problems, naming the offending value, without duplicates. */
export function problemsFromAjv(errors: readonly ErrorObject[] | null | undefined, data: unknown): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors ?? []) {
    const problem = { path: error.instancePath, message: messageOf(error, data) };
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** `path: message`, with `(root)` for the empty pointer. */
export function formatProblem(problem: SchemaProblem): string {
  return `${problem.path === "" ? "(root)" : problem.path}: ${problem.message}`;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects) of a Kubernetes object, for messages. */
export function describeDocument(doc: unknown): string {
  const kind = field(doc, "kind");
  const metadata = field(doc, "metadata");
  const name = field(metadata, "name");
  const namespace = field(metadata, "namespace");
  const kindText = typeof kind === "string" ? kind : "<no kind>";
  const nameText = typeof name === "string" ? name : "<no name>";
  return typeof namespace === "string" ? `${kindText} ${namespace}/${nameText}` : `${kindText} ${nameText}`;
}

/**
 * Formats a problem of a Kubernetes object for humans:
 * `HelmRelease flux-system/cilium: /spec: must NOT have additional properties ("intervall")`.
 */
export function describeProblem(doc: unknown, problem: SchemaProblem): string {
  return `${describeDocument(doc)}: ${formatProblem(problem)}`;
}
