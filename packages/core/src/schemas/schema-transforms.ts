type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

// Keywords holding one schema or a list of schemas that describe another value (an item, a property value).
const nestedSchemaKeywords = [
  "items",
  "additionalItems",
  "additionalProperties",
  "unevaluatedItems",
  "unevaluatedProperties",
  "prefixItems",
] as const;
// Keywords mapping names to schemas.
const schemaMapKeywords = ["properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies"] as const;
// Branches that apply to the same value as their parent: keys declared in the parent or in a sibling
// branch are valid there, so closing the branch itself would reject them.
const sameValueBranches = ["allOf", "then", "else"] as const;
// When these sit next to `properties`, other branches may declare more keys.
const compositionKeywords = ["allOf", "anyOf", "oneOf", "if", "$ref", "dependentSchemas", "dependencies"] as const;

/**
 * A copy of a JSON schema in which every object schema that declares `properties` and has no
 * `additionalProperties`/`patternProperties` of its own also gets `additionalProperties: false`, so
 * unknown keys (typos) are rejected. To avoid rejecting keys that the schema allows, these stay open:
 * objects with `allOf`/`anyOf`/`oneOf`/`if`/`$ref` beside their `properties`, the roots of `allOf`,
 * `then` and `else` branches, `anyOf`/`oneOf` branches whose parent declares `properties`, and
 * everything under `if`, `not` and `contains` (closing there would change what matches).
 * The input is not modified.
 */
export function closeObjectSchemas(schema: unknown): unknown {
  return closeNode(schema, true);
}

function closeNode(node: unknown, closable: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => closeNode(item, closable));
  if (!isObject(node)) return node;
  const result: Json = { ...node };
  for (const key of nestedSchemaKeywords) {
    if (key in node) result[key] = closeNode(node[key], true);
  }
  for (const key of sameValueBranches) {
    if (key in node) result[key] = closeNode(node[key], false);
  }
  const declaresProperties = isObject(node["properties"]);
  for (const key of ["anyOf", "oneOf"] as const) {
    if (key in node) result[key] = closeNode(node[key], !declaresProperties);
  }
  for (const key of schemaMapKeywords) {
    const map = node[key];
    if (isObject(map)) result[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, closeNode(sub, true)]));
  }
  const closes =
    closable &&
    declaresProperties &&
    node["additionalProperties"] === undefined &&
    node["patternProperties"] === undefined &&
    node["unevaluatedProperties"] === undefined &&
    !compositionKeywords.some((key) => key in node);
  if (closes) result["additionalProperties"] = false;
  return result;
}

// Subschemas that describe the same or a nested value, where a dropped `required` only loosens the check.
const loosenableKeywords = [...nestedSchemaKeywords, "allOf", "then", "else"] as const;

/**
 * A copy of a JSON schema without `required` keywords, for validating partial values (overrides
 * merged over defaults elsewhere). `anyOf`/`oneOf`/`if`/`not` are left untouched, because there
 * `required` often decides which branch applies. The input is not modified.
 */
export function dropRequired(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(dropRequired);
  if (!isObject(schema)) return schema;
  const result: Json = { ...schema };
  if (Array.isArray(schema["required"])) delete result["required"];
  for (const key of loosenableKeywords) {
    if (key in schema) result[key] = dropRequired(schema[key]);
  }
  for (const key of schemaMapKeywords) {
    const map = schema[key];
    if (isObject(map)) result[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, dropRequired(sub)]));
  }
  return result;
}
