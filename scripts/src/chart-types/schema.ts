import { freeForm, type Literal, type ObjectNode, objectNode, prop, type Prop, type TypeNode, union, unknownNode } from "./model.js";

/**
 * A chart's values.schema.json as type nodes, and its combination with what values.yaml and the
 * templates say (where the chart ships a schema, its types, enums, `required` and
 * `additionalProperties` win, as Helm validates the merged values against it: helm/helm
 * pkg/chart/common/util/jsonschema.go ValidateAgainstSchema).
 *
 * Written here rather than with json-schema-to-typescript because the schema is one of three sources
 * merged key by key, and because that library prints `[k: string]: unknown` for every object whose
 * schema leaves `additionalProperties` unset, which is most chart schemas (cilium's): the typos this
 * exists to catch would pass. The subset read here is what the 7 chart schemas use: `type` (also
 * lists), `properties`, `required`, `additionalProperties`, `patternProperties`, `items`, `enum`,
 * `const`, `anyOf`/`oneOf`/`allOf`, local `$ref` (`#/...`), `description`.
 */

type Schema = Record<string, unknown> | boolean;

/** Objects whose schema leaves `additionalProperties` unset: their key set is completed from values.yaml. */
const unspecifiedAdditional = new WeakSet<ObjectNode>();

function pointer(rootSchema: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let at: unknown = rootSchema;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const token = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Record<string, unknown>)[token];
  }
  return typeof at === "boolean" || (at !== null && typeof at === "object") ? (at as Schema) : undefined;
}

const isLiteral = (value: unknown): value is Literal => value === null || ["string", "number", "boolean"].includes(typeof value);

/** The schema's description as TSDoc lines, following `$ref`s (cert-manager keeps them in `$defs`). */
export function descriptionLines(schema: Schema, rootSchema: Schema, depth = 0): string[] {
  if (typeof schema !== "object" || depth > 16) return [];
  if (typeof schema.description === "string") return schema.description.trim().split("\n");
  const target = typeof schema.$ref === "string" ? pointer(rootSchema, schema.$ref) : undefined;
  return target === undefined ? [] : descriptionLines(target, rootSchema, depth + 1);
}

/** The type a JSON schema allows. */
export function fromSchema(schema: Schema, rootSchema: Schema, depth = 0): TypeNode {
  if (typeof schema === "boolean" || depth > 64) return unknownNode;
  if (typeof schema.$ref === "string") {
    const target = pointer(rootSchema, schema.$ref);
    return target === undefined ? unknownNode : fromSchema(target, rootSchema, depth + 1);
  }
  if (Array.isArray(schema.enum) && schema.enum.every(isLiteral)) return union(schema.enum.map((value) => ({ kind: "literal", value })));
  if (isLiteral(schema.const) && "const" in schema) return { kind: "literal", value: schema.const };
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = schema[keyword];
    if (Array.isArray(members)) {
      const own = { ...schema, [keyword]: undefined };
      const base = hasTypeInfo(own) ? [fromSchema(own, rootSchema, depth + 1)] : [];
      const alternatives = union(members.map((m) => fromSchema(m as Schema, rootSchema, depth + 1)));
      return base.length === 0 ? alternatives : base[0]!.kind === "unknown" ? alternatives : base[0]!;
    }
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((m) => fromSchema(m as Schema, rootSchema, depth + 1));
    const own = hasTypeInfo({ ...schema, allOf: undefined }) ? [fromSchema({ ...schema, allOf: undefined }, rootSchema, depth + 1)] : [];
    const all = [...own, ...parts].filter((p) => p.kind !== "unknown");
    const objects = all.filter((p): p is ObjectNode => p.kind === "object");
    if (objects.length === all.length && objects.length > 0) {
      const props = new Map<string, Prop>();
      for (const o of objects) for (const [k, v] of o.props) props.set(k, v);
      const closed = objects.some((o) => o.open === false && !unspecifiedAdditional.has(o));
      const merged = objectNode(props, closed ? false : objects.find((o) => o.open !== false)?.open ?? false);
      if (!closed && merged.open === false) unspecifiedAdditional.add(merged);
      return merged;
    }
    return all[0] ?? unknownNode;
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : typeof schema.type === "string" ? [schema.type] : inferredTypes(schema);
  if (types.length === 0) return unknownNode;
  return union(types.map((type) => typed(type, schema, rootSchema, depth)));
}

function hasTypeInfo(schema: Record<string, unknown>): boolean {
  return ["type", "properties", "items", "enum", "const", "$ref", "additionalProperties"].some((k) => schema[k] !== undefined);
}

function inferredTypes(schema: Record<string, unknown>): string[] {
  if (schema.properties !== undefined || schema.additionalProperties !== undefined || schema.patternProperties !== undefined) return ["object"];
  if (schema.items !== undefined) return ["array"];
  return [];
}

function typed(type: string, schema: Record<string, unknown>, rootSchema: Schema, depth: number): TypeNode {
  switch (type) {
    case "string":
    case "boolean":
    case "null":
      return { kind: "scalar", type };
    case "integer":
    case "number":
      return { kind: "scalar", type: "number" };
    case "array": {
      const items = schema.items;
      if (Array.isArray(items)) return { kind: "array", items: union(items.map((i) => fromSchema(i as Schema, rootSchema, depth + 1))) };
      return { kind: "array", items: items === undefined ? unknownNode : fromSchema(items as Schema, rootSchema, depth + 1) };
    }
    case "object":
      return objectFromSchema(schema, rootSchema, depth);
    default:
      return unknownNode;
  }
}

function objectFromSchema(schema: Record<string, unknown>, rootSchema: Schema, depth: number): TypeNode {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const additional = schema.additionalProperties as Schema | undefined;
  const hasPatterns = schema.patternProperties !== undefined && Object.keys(schema.patternProperties as object).length > 0;
  const keys = Object.keys(properties);
  // `{ "type": "object" }` and nothing else: any map (annotations, nodeSelector, a config blob).
  if (keys.length === 0 && additional === undefined) return freeForm;
  const open: false | TypeNode =
    additional === false ? (hasPatterns ? unknownNode : false) : additional === undefined ? (hasPatterns ? unknownNode : false) : additional === true ? unknownNode : fromSchema(additional, rootSchema, depth + 1);
  if (keys.length === 0 && open !== false) return { kind: "record", values: open };
  const props = new Map<string, Prop>();
  for (const key of keys) props.set(key, prop(fromSchema(properties[key]!, rootSchema, depth + 1), { doc: descriptionLines(properties[key]!, rootSchema), required: required.has(key) }));
  const node = objectNode(props, open);
  if (additional === undefined && !hasPatterns) unspecifiedAdditional.add(node);
  return node;
}

/**
 * One key's type from the schema (which wins) and from values.yaml/templates (which fills in what
 * the schema leaves open: the keys of an object whose `additionalProperties` is unset, and the whole
 * type where the schema says nothing).
 */
export function combine(schemaNode: TypeNode, valuesNode: TypeNode | undefined): TypeNode {
  if (valuesNode === undefined) return schemaNode;
  if (schemaNode.kind === "unknown") return valuesNode;
  if (schemaNode.kind === "union") return union(schemaNode.members.map((member) => (member.kind === "object" || member.kind === "array" ? combine(member, valuesNode) : member)));
  if (schemaNode.kind === "array" && valuesNode.kind === "array") return { kind: "array", items: combine(schemaNode.items, valuesNode.items) };
  if (schemaNode.kind !== "object") return schemaNode;
  const unspecified = unspecifiedAdditional.has(schemaNode);
  if (valuesNode.kind === "record") return unspecified ? objectNode(schemaNode.props, unknownNode) : schemaNode;
  if (valuesNode.kind !== "object") return schemaNode;
  const props = new Map<string, Prop>();
  for (const [key, schemaProp] of schemaNode.props) {
    const valuesProp = valuesNode.props.get(key);
    props.set(key, combineProp(schemaProp, valuesProp));
  }
  if (unspecified) for (const [key, valuesProp] of valuesNode.props) if (!props.has(key)) props.set(key, valuesProp);
  const open = schemaNode.open !== false ? schemaNode.open : unspecified && valuesNode.open !== false ? valuesNode.open : false;
  return objectNode(props, open);
}

function combineProp(schemaProp: Prop, valuesProp: Prop | undefined): Prop {
  const node = combine(schemaProp.node, valuesProp?.node);
  // `required` binds the merged values; a key values.yaml sets is already there.
  const hasDefault = valuesProp !== undefined && valuesProp.node.kind !== "unknown";
  // values.yaml's helm-docs comment, else the schema's description (also over the note on a key only the templates read).
  const doc = valuesProp !== undefined && valuesProp.doc.length > 0 && !(valuesProp.templateOnly && schemaProp.doc.length > 0) ? valuesProp.doc : schemaProp.doc;
  return prop(node, { doc, required: schemaProp.required && !hasDefault, ...(valuesProp?.defaultText === undefined ? {} : { defaultText: valuesProp.defaultText }) });
}
