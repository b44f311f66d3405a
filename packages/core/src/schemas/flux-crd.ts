import { parseAllDocuments } from "yaml";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

// Keywords whose value maps property names to schemas.
const nameMapKeywords = new Set(["properties", "patternProperties", "definitions"]);
// Keywords whose value is one schema or a list of schemas.
const schemaKeywords = new Set(["items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"]);

/**
 * Turns a CRD's `openAPIV3Schema` into a strict draft-07 JSON schema, the way kubeconform's
 * `openapi2jsonschema.py` does for the CRDs catalog: `x-kubernetes-*` keys dropped, `nullable` as a
 * `null` type, int-or-string as `integer|string`, and `additionalProperties: false` on every object
 * with `properties` unless it preserves unknown fields. Like the catalog files, the root stays open;
 * the validator checks top-level keys itself. CEL rules (`x-kubernetes-validations`) are not enforced.
 */
export function convertOpenApiSchema(schema: unknown): unknown {
  return convertNode(schema, true);
}

function convertNode(node: unknown, isRoot: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => convertNode(item, false));
  if (!isObject(node)) return node;
  const result: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-kubernetes-") || key === "nullable") continue;
    if (nameMapKeywords.has(key) && isObject(value)) {
      result[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convertNode(sub, false)]));
    } else if (schemaKeywords.has(key)) {
      result[key] = convertNode(value, false);
    } else {
      result[key] = value;
    }
  }
  if (node["x-kubernetes-int-or-string"] === true) result["type"] = ["integer", "string"];
  if (node["nullable"] === true) addNullType(result);
  const closes =
    !isRoot &&
    isObject(node["properties"]) &&
    node["additionalProperties"] === undefined &&
    node["x-kubernetes-preserve-unknown-fields"] !== true;
  if (closes) result["additionalProperties"] = false;
  return result;
}

function addNullType(schema: Json): void {
  const type = schema["type"];
  if (typeof type === "string") schema["type"] = [type, "null"];
  else if (Array.isArray(type) && !type.includes("null")) schema["type"] = [...type, "null"];
  const enumValues = schema["enum"];
  if (Array.isArray(enumValues) && !enumValues.includes(null)) schema["enum"] = [...enumValues, null];
}

/** A CRD version's schema, as found in a CRD YAML file. */
export interface CrdVersionSchema {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly openAPIV3Schema: unknown;
}

/** The served versions (with a schema) of every CustomResourceDefinition in a YAML text. */
export function crdVersionSchemas(yamlText: string): CrdVersionSchema[] {
  const found: CrdVersionSchema[] = [];
  for (const document of parseAllDocuments(yamlText)) {
    const crd: unknown = document.toJS();
    if (!isObject(crd) || crd["kind"] !== "CustomResourceDefinition" || !isObject(crd["spec"])) continue;
    const spec = crd["spec"];
    const names = spec["names"];
    const group = spec["group"];
    const kind = isObject(names) ? names["kind"] : undefined;
    if (typeof group !== "string" || typeof kind !== "string" || !Array.isArray(spec["versions"])) continue;
    for (const entry of spec["versions"] as unknown[]) {
      if (!isObject(entry) || entry["served"] === false || typeof entry["name"] !== "string") continue;
      const schema = isObject(entry["schema"]) ? entry["schema"]["openAPIV3Schema"] : undefined;
      if (schema !== undefined) found.push({ group, kind, version: entry["name"], openAPIV3Schema: schema });
    }
  }
  return found;
}
