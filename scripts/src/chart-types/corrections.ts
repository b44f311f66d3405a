import { objectNode, type TypeNode, union } from "./model.js";

/**
 * Keys whose values.yaml default is one example of several forms the chart accepts, where no
 * template `kindIs` test shows it: the generated type takes the stated type instead, with the
 * reason in its TSDoc. Each entry cites the chart's own evidence. A path that no longer exists in
 * the chart fails the generation, so a stale entry cannot linger.
 */
export interface TypeCorrection {
  readonly type: TypeNode;
  readonly because: string;
}

const stringOrNumber = union([
  { kind: "scalar", type: "string" },
  { kind: "scalar", type: "number" },
]);

export const typeCorrections: Readonly<Record<string, Readonly<Record<string, TypeCorrection>>>> = {
  "victoria-logs-single": {
    "server.retentionPeriod": {
      type: stringOrNumber,
      because: "values.yaml: 'Possible units character: h(ours), d(ays), w(eeks), y(ears), if no unit character specified - month'; templates/_helpers.tpl passes it to -retentionPeriod unchanged",
    },
  },
};

/** The type with the corrections of `chart` applied. @throws Error naming a path the chart lacks. */
export function applyCorrections(chart: string, node: TypeNode): TypeNode {
  let result = node;
  for (const [path, correction] of Object.entries(typeCorrections[chart] ?? {})) result = replaceAt(result, path.split("."), correction, path);
  return result;
}

function replaceAt(node: TypeNode, keys: readonly string[], correction: TypeCorrection, path: string): TypeNode {
  const [key, ...rest] = keys;
  const prop = node.kind === "object" && key !== undefined ? node.props.get(key) : undefined;
  if (node.kind !== "object" || key === undefined || prop === undefined) throw new Error(`type correction ${JSON.stringify(path)}: the chart has no such key`);
  const replaced =
    rest.length === 0 ? { ...prop, node: correction.type, doc: [...prop.doc, `(Type widened by the generator: ${correction.because}.)`] } : { ...prop, node: replaceAt(prop.node, rest, correction, path) };
  return objectNode(new Map([...node.props, [key, replaced]]), node.open);
}
