import { isMap, isPair, isScalar, isSeq, type Node, type Pair, parseDocument, YAMLMap } from "yaml";
import { elementKey, type Usage } from "./templates.js";
import { freeForm, type Literal, mergeNodes, objectNode, prop, type Prop, type TypeNode, union, unknownNode } from "./model.js";

/**
 * Keys whose value is free-form by Kubernetes convention: labels, annotations, selectors, resource
 * quantities, scheduling constraints, security contexts, extra env/volumes/args lists and objects.
 * A chart passes them to the API object with `toYaml`; the API server, not the chart, types them.
 */
const freeFormKey =
  /^(.*[aA]nnotations|.*[lL]abels|.*[nN]odeSelector|.*[sS]electorLabels|resources|.*[aA]ffinity|.*[tT]olerations|.*[sS]ecurityContext|.*[tT]opologySpreadConstraints|extra.*|.*[eE]nv|.*[eE]nvFrom|.*[vV]olumes|.*[vV]olumeMounts|.*[sS]electors?|.*[pP]robe|lifecycle|dnsConfig|strategy|updateStrategy|.*[aA]rgs)$/;

export interface ValuesContext {
  /** The chart (for messages). */
  readonly chart: string;
}

/** The TSDoc lines of a helm-docs comment block (`# -- text`, continued by `# text`), and its `@default`. */
export function helmDocs(comment: string | undefined): { doc: string[]; defaultText?: string } {
  if (comment === undefined) return { doc: [] };
  const lines = comment.split("\n").map((line) => line.replace(/^ ?/, ""));
  const start = lines.findLastIndex((line) => /^--(\s|$)/.test(line) || /^\([^)]*\)\s*--(\s|$)/.test(line));
  const doc: string[] = [];
  let defaultText: string | undefined;
  if (start >= 0) {
    doc.push(lines[start]!.replace(/^(\([^)]*\)\s*)?--\s?/, ""));
    for (const line of lines.slice(start + 1)) {
      if (/^@/.test(line)) break;
      doc.push(line);
    }
  }
  for (const line of lines) {
    const match = /^@default\s*--\s*(.*)$/.exec(line);
    if (match !== null) defaultText = match[1];
  }
  while (doc.length > 0 && doc[doc.length - 1]!.trim() === "") doc.pop();
  return defaultText === undefined ? { doc } : { doc, defaultText };
}

const stringOrNumber = union([
  { kind: "scalar", type: "string" },
  { kind: "scalar", type: "number" },
]);

function scalarNode(value: unknown): TypeNode {
  if (value === null || value === undefined) return unknownNode;
  // `""` is how charts write "not set"; what goes there (a port, a size, a name) is the template's business.
  if (value === "") return stringOrNumber;
  if (typeof value === "string") return { kind: "scalar", type: "string" };
  if (typeof value === "number" || typeof value === "bigint") return { kind: "scalar", type: "number" };
  if (typeof value === "boolean") return { kind: "scalar", type: "boolean" };
  return unknownNode;
}

/** The default as TSDoc shows it: scalars as YAML would print them, nothing for maps and lists. */
function defaultOf(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value as Literal;
  if (value === null) return undefined;
  const text = JSON.stringify(value);
  return text.length > 80 ? undefined : text;
}

const isEmptyMap = (node: unknown): boolean => isMap(node) && node.items.length === 0;

/**
 * The type of one value of values.yaml, given how the templates use it:
 * - a scalar default gives its type; `null` gives unknown;
 * - a map is exact (its keys plus the keys the templates read) unless it is free-form: an empty map
 *   the templates use whole (or never read key by key), a free-form key name, or a non-empty map
 *   the templates only ever pass on whole (a config blob);
 * - a list's element type comes from its elements; elements that are maps are exact only when the
 *   templates read their fields (`range`), otherwise they are passed on whole and stay free-form.
 */
export function inferNode(node: Node | null, key: string | undefined, usage: Usage | undefined, inList = false): TypeNode {
  const inferred = inferShape(node, key, usage, inList);
  return usage === undefined || usage.kinds.size === 0 ? inferred : union([inferred, ...[...usage.kinds].map(kindNode)]);
}

/**
 * The type of a kind a template tests for: sprig `kindIs` takes reflect.Kind names (`string`,
 * `map`, `slice`, `bool`, `int64`, `float64`), `typeIs` Go type names (`[]interface {}`).
 */
function kindNode(kind: string): TypeNode {
  if (kind === "string") return { kind: "scalar", type: "string" };
  if (kind === "bool") return { kind: "scalar", type: "boolean" };
  if (/^(u?int|float)\d*$/.test(kind)) return { kind: "scalar", type: "number" };
  if (kind.startsWith("map")) return freeForm;
  if (kind === "slice" || kind === "array" || kind.startsWith("[]")) return { kind: "array", items: unknownNode };
  if (kind === "invalid" || kind === "<nil>") return { kind: "scalar", type: "null" };
  return unknownNode;
}

function inferShape(node: Node | null, key: string | undefined, usage: Usage | undefined, inList: boolean): TypeNode {
  if (isMap(node)) {
    const readsKeys = usage !== undefined && [...usage.children.keys()].some((k) => k !== elementKey);
    if (key !== undefined && freeFormKey.test(key)) return freeForm;
    if (isEmptyMap(node)) return readsKeys && !usage.whole ? inferMap(node, usage, inList) : freeForm;
    if (usage?.whole && !readsKeys) return freeForm;
    return inferMap(node, usage, inList);
  }
  if (isSeq(node)) {
    const elementUsage = usage?.children.get(elementKey);
    const items = node.items.map((item) => {
      const inferred = inferNode(item as Node, undefined, elementUsage, true);
      // A list of maps that the templates never read field by field is passed on whole.
      if (inferred.kind === "object" && (elementUsage === undefined || elementUsage.children.size === 0)) return freeForm;
      return inferred;
    });
    const objects = items.filter((item) => item.kind === "object");
    const merged = objects.length === 0 ? [] : [objects.reduce<TypeNode>((a, b) => mergeNodes(a, b), objects[0]!)];
    const others = items.filter((item) => item.kind !== "object");
    const itemType = items.length === 0 ? unknownNode : union([...merged, ...others]);
    return { kind: "array", items: itemType };
  }
  if (isScalar(node)) return scalarNode(node.value);
  return unknownNode;
}

function pairKey(pair: Pair): string | undefined {
  const key = isScalar(pair.key) ? pair.key.value : pair.key;
  return typeof key === "string" || typeof key === "number" || typeof key === "boolean" ? String(key) : undefined;
}

/** `inList`: the map is an element of a list default, an example whose values are no defaults. */
function inferMap(map: YAMLMap, usage: Usage | undefined, inList = false): TypeNode {
  const props = new Map<string, Prop>();
  map.items.forEach((pair, index) => {
    if (!isPair(pair)) return;
    const key = pairKey(pair);
    if (key === undefined) return;
    const keyNode = pair.key as Node;
    // yaml attaches the comment above the first pair of a nested map to the map itself.
    const comment = [index === 0 ? map.commentBefore : undefined, isScalar(keyNode) ? keyNode.commentBefore : undefined].filter((c) => c != null).join("\n");
    const { doc, defaultText } = helmDocs(comment === "" ? undefined : comment);
    const value = pair.value as Node | null;
    const node = inferNode(value, key, usage?.children.get(key), inList);
    props.set(key, prop(node, { doc, defaultText: defaultText ?? (inList ? undefined : defaultOf(value)) }));
  });
  // Keys the templates read that values.yaml does not list: valid, of unknown type.
  for (const key of usage?.children.keys() ?? []) {
    if (key === elementKey || props.has(key)) continue;
    props.set(key, prop(keyOnlyInTemplates(usage!.children.get(key)!), { doc: ["Not in the chart's values.yaml; its templates read it."], templateOnly: true }));
  }
  return objectNode(props);
}

/** A key only the templates know: an object of the sub-keys they read, or unknown when used whole. */
function keyOnlyInTemplates(usage: Usage): TypeNode {
  const keys = [...usage.children.keys()].filter((k) => k !== elementKey);
  if (keys.length === 0 || usage.whole || usage.kinds.size > 0) return unknownNode;
  // The template reads `.x.y` but the chart documents no `x`: `x` may still be anything else, so
  // the object of read keys is one possibility, not a constraint.
  return union([objectNode(new Map(keys.map((k) => [k, prop(keyOnlyInTemplates(usage.children.get(k)!))]))), freeForm]);
}

/** Parses values.yaml (an empty file is an empty map) and infers its type. */
export function inferValues(text: string, usage: Usage, context: ValuesContext): TypeNode {
  const document = parseDocument(text, { uniqueKeys: false });
  if (document.errors.length > 0) {
    throw new Error(`${context.chart}: values.yaml does not parse: ${document.errors[0]!.message}`);
  }
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && contents.value === null)) return inferMap(new YAMLMap(), usage);
  if (!isMap(contents)) throw new Error(`${context.chart}: values.yaml is not a map`);
  // The first key's helm-docs comment sits in the document's commentBefore when a blank line follows.
  if (contents.items.length > 0 && document.commentBefore != null && isScalar(contents.items[0]!.key)) {
    const key = contents.items[0]!.key;
    key.commentBefore = [document.commentBefore, key.commentBefore].filter((c) => c != null).join("\n");
  }
  return inferMap(contents, usage);
}
