import { Ajv } from "ajv";
import type { Format, Options } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";
import { RE2JS } from "re2js";

// The formats santhosh-tekuri/jsonschema (kubeconform's validator) asserts; ajv-formats has the same names.
const assertedFormats = [
  "date-time",
  "date",
  "time",
  "ipv4",
  "ipv6",
  "hostname",
  "email",
  "uri",
  "uri-reference",
  "uri-template",
  "uuid",
  "json-pointer",
  "relative-json-pointer",
] as const;

// Formats found in CRD schemas that kubeconform does not check; registering them avoids ajv's
// "unknown format" error while keeping kubeconform's verdict.
const ignoredFormats = ["int32", "int64", "uint64", "byte", "cidr", "idn-hostname"] as const;

type RegExpEngine = NonNullable<NonNullable<Options["code"]>["regExp"]>;

const goDuration = /^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/;
const isoDuration = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** kubeconform registers `duration` as "Go duration or ISO 8601"; `0` is a valid Go duration too. */
export function isDuration(value: string): boolean {
  return value === "0" || goDuration.test(value) || isoDuration.test(value);
}

/**
 * Go's RE2 syntax for `pattern`, as Kubernetes evaluates it: some CRDs use `(?i)` or `\PC`, which
 * JavaScript's RegExp rejects.
 */
export const re2Engine: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    // ajv caches compiled patterns under `toString()`: without a distinct one, every pattern of a
    // schema would share the first pattern's matcher.
    return { test: (input: string) => compiled.test(input), toString: () => `re2:${pattern}` };
  },
  { code: "re2js" },
);

/**
 * Ajv for the kubernetes standalone-strict files: formats are annotations there (santhosh reads
 * `http://json-schema.org/schema#` as 2020-12), and `strict: false` tolerates `x-kubernetes-*`.
 */
export function createCoreAjv(): Ajv {
  return new Ajv({ strict: false, allErrors: true, validateFormats: false });
}

/** Ajv for CRD schemas (catalog files and converted Flux CRDs), asserting the formats kubeconform asserts. */
export function createCrdAjv(): Ajv {
  return addKubeconformFormats(new Ajv({ strict: false, allErrors: true, code: { regExp: re2Engine } }));
}

/**
 * Registers the formats kubeconform asserts (plus `duration`) and no-op formats for the ones it
 * ignores; also used for Talos and Helm schemas, where it avoids ajv's "unknown format" warnings.
 */
export function addKubeconformFormats<T extends Pick<Ajv, "addFormat">>(ajv: T): T {
  for (const name of assertedFormats) ajv.addFormat(name, fullFormats[name] as Format);
  ajv.addFormat("duration", { type: "string", validate: isDuration });
  for (const name of ignoredFormats) ajv.addFormat(name, true);
  return ajv;
}

// Keywords whose value maps names to schemas: their keys are property names, never keywords.
const schemaMapKeywords = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);

/**
 * A copy of a CRD JSON schema without boolean `nullable` keywords: santhosh ignores them, while ajv
 * implements them and throws `"nullable" cannot be used without "type"` on some catalog files.
 * A property *named* `nullable` is kept.
 */
export function stripNullable(schema: unknown): unknown {
  return stripNullableIn(schema, false);
}

function stripNullableIn(node: unknown, isNameMap: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => stripNullableIn(item, false));
  if (node === null || typeof node !== "object") return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && key === "nullable" && typeof value === "boolean") continue;
    result[key] = stripNullableIn(value, !isNameMap && schemaMapKeywords.has(key));
  }
  return result;
}
