/**
 * The intermediate type model of a chart's values: what values.yaml, values.schema.json and the
 * templates say about each key, before it is printed as TypeScript (see emit.ts).
 */

export type Literal = string | number | boolean | null;

export type TypeNode =
  /** Nothing is known (a `null` default, an empty list element, a key only a template reads). */
  | { readonly kind: "unknown" }
  | { readonly kind: "scalar"; readonly type: "string" | "number" | "boolean" | "null" }
  | { readonly kind: "literal"; readonly value: Literal }
  | { readonly kind: "array"; readonly items: TypeNode }
  /** A free-form map (annotations, resources, a config blob): any key, values of one type. */
  | { readonly kind: "record"; readonly values: TypeNode }
  | ObjectNode
  | { readonly kind: "union"; readonly members: readonly TypeNode[] };

export interface ObjectNode {
  readonly kind: "object";
  readonly props: Map<string, Prop>;
  /**
   * Closed (`false`): only `props` are valid, so a misspelled key is a compile error.
   * Otherwise the object also accepts other keys (the schema says `additionalProperties: true`
   * or a schema, or the key is free-form) and is printed with an index signature.
   */
  readonly open: false | TypeNode;
}

export interface Prop {
  readonly node: TypeNode;
  /** TSDoc lines (helm-docs `# --` comments or the schema's `description`). */
  readonly doc: readonly string[];
  /** What the chart uses when the key is not set (values.yaml or helm-docs `@default`). */
  readonly defaultText?: string;
  /** The schema requires the key and values.yaml has no default for it: the user must set it. */
  readonly required: boolean;
  /** Only the templates know the key (values.yaml does not list it). */
  readonly templateOnly?: boolean;
}

export const unknownNode: TypeNode = { kind: "unknown" };
export const freeForm: TypeNode = { kind: "record", values: unknownNode };

export function objectNode(props: Map<string, Prop> = new Map(), open: false | TypeNode = false): ObjectNode {
  return { kind: "object", props, open };
}

export function prop(node: TypeNode, extra: Partial<Omit<Prop, "node">> = {}): Prop {
  return {
    node,
    doc: extra.doc ?? [],
    required: extra.required ?? false,
    ...(extra.defaultText === undefined ? {} : { defaultText: extra.defaultText }),
    ...(extra.templateOnly ? { templateOnly: true } : {}),
  };
}

/** A union without duplicates; `unknown` absorbs everything, a single member stands alone. */
export function union(members: readonly TypeNode[]): TypeNode {
  const flat: TypeNode[] = [];
  const seen = new Set<string>();
  for (const member of members.flatMap((m) => (m.kind === "union" ? m.members : [m]))) {
    if (member.kind === "unknown") return unknownNode;
    const key = member.kind === "object" ? `object:${flat.length}` : JSON.stringify(member);
    if (seen.has(key)) continue;
    seen.add(key);
    flat.push(member);
  }
  if (flat.length === 1) return flat[0]!;
  if (flat.length === 0) return unknownNode;
  return { kind: "union", members: flat };
}

/**
 * Merges two descriptions of the same key where both are objects (a subchart's values and the
 * parent's overrides of them, or list elements): the union of their keys, recursively; two scalar
 * types give their union. Otherwise `base` wins unless it knows nothing.
 */
export function mergeNodes(base: TypeNode, extra: TypeNode): TypeNode {
  if (base.kind === "unknown") return extra;
  if (base.kind === "object" && extra.kind === "object") {
    const props = new Map(base.props);
    for (const [key, value] of extra.props) {
      const existing = props.get(key);
      if (existing === undefined) props.set(key, value);
      // A key one list element lacks (so only the templates knew it) and another lists: the listed one describes it.
      else if (existing.templateOnly && !value.templateOnly) props.set(key, { ...value, node: mergeNodes(value.node, existing.node) });
      else props.set(key, { ...existing, node: mergeNodes(existing.node, value.node), doc: existing.doc.length > 0 ? existing.doc : value.doc });
    }
    return objectNode(props, base.open === false ? extra.open : base.open);
  }
  if (base.kind === "object" && extra.kind === "record") return base.open === false ? objectNode(base.props, extra.values) : base;
  if (base.kind === "array" && extra.kind === "array") return { kind: "array", items: mergeNodes(base.items, extra.items) };
  // Two scalar examples of one key (`parameters: 30` beside `parameters: ". /etc/resolv.conf"`): either.
  const isScalar = (node: TypeNode): boolean => node.kind === "scalar" || node.kind === "literal";
  if (isScalar(base) && isScalar(extra)) return union([base, extra]);
  return base;
}
