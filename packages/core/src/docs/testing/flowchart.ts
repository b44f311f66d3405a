const entity: Readonly<Record<string, string>> = { quot: '"', lt: "<", gt: ">", amp: "&" };

/** Mermaid's entity decoding (`#quot;`, `#35;`, ...): what the rendered label shows. */
export function decodeMermaid(text: string): string {
  return text.replace(/#(\w+);/g, (whole, code: string) =>
    /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (entity[code] ?? whole),
  );
}

/** A flowchart as the strict subset the docs emit: subgraphs, labelled nodes and edges. */
export interface ParsedFlowchart {
  readonly direction: string;
  /** id -> decoded label lines. */
  readonly nodes: ReadonlyMap<string, readonly string[]>;
  /** Subgraph id -> decoded title and member node ids. */
  readonly subgraphs: ReadonlyMap<string, { readonly title: string; readonly members: readonly string[] }>;
  readonly edges: readonly { readonly from: string; readonly to: string; readonly arrow: string; readonly label?: string }[];
}

const id = "[A-Za-z][A-Za-z0-9_]*";
// Inside a quoted label only entity-escaped text may appear: no raw quote, angle bracket except
// the <br/> line breaks, ampersand, backtick, pipe, semicolon outside an entity, or line break;
// and never nothing at all, which Mermaid rejects.
const label = '"((?:[^"<>&`|;#\\n]|#\\w+;|<br/>)+)"';
const patterns = {
  header: /^flowchart (LR|TB)$/,
  subgraph: new RegExp(`^\\s*subgraph (${id})\\[${label}\\]$`),
  node: new RegExp(`^\\s*(${id})\\[${label}\\]$`),
  end: /^\s*end$/,
  edge: new RegExp(`^\\s*(${id}) (-->|<-->|-\\.->)(?:\\|${label}\\|)? (${id})$`),
};
const keywords = new Set(["end", "subgraph", "graph", "flowchart", "style", "class", "classDef", "click", "linkStyle", "direction", "default"]);

/**
 * Parses a flowchart written in the subset the docs use and throws on any line outside it, on
 * ids that are Mermaid keywords, on edges to undeclared nodes and on unbalanced subgraphs, so
 * a test proves the diagram is well-formed rather than merely containing some text.
 */
export function parseFlowchart(lines: readonly string[]): ParsedFlowchart {
  const [first, ...rest] = lines;
  const direction = patterns.header.exec(first ?? "")?.[1];
  if (!direction) throw new Error(`not a flowchart header: ${JSON.stringify(first)}`);
  const nodes = new Map<string, string[]>();
  const subgraphs = new Map<string, { title: string; members: string[] }>();
  const edges: { from: string; to: string; arrow: string; label?: string }[] = [];
  let open: string | undefined;
  const declare = (name: string): void => {
    if (keywords.has(name)) throw new Error(`id ${name} is a Mermaid keyword`);
    if (nodes.has(name) || subgraphs.has(name)) throw new Error(`id ${name} declared twice`);
  };
  for (const line of rest) {
    const subgraph = patterns.subgraph.exec(line);
    const edge = subgraph ? null : patterns.edge.exec(line);
    const node = subgraph || edge ? null : patterns.node.exec(line);
    if (subgraph) {
      if (open) throw new Error(`nested subgraph ${subgraph[1]} inside ${open}`);
      declare(subgraph[1]!);
      subgraphs.set(subgraph[1]!, { title: decodeMermaid(subgraph[2]!), members: [] });
      open = subgraph[1]!;
    } else if (patterns.end.test(line)) {
      if (!open) throw new Error("end without subgraph");
      open = undefined;
    } else if (edge) {
      edges.push({ from: edge[1]!, arrow: edge[2]!, to: edge[4]!, ...(edge[3] !== undefined ? { label: decodeMermaid(edge[3]) } : {}) });
    } else if (node) {
      declare(node[1]!);
      nodes.set(node[1]!, node[2]!.split("<br/>").map(decodeMermaid));
      if (open) subgraphs.get(open)!.members.push(node[1]!);
    } else {
      throw new Error(`line outside the flowchart subset: ${JSON.stringify(line)}`);
    }
  }
  if (open) throw new Error(`subgraph ${open} is not closed`);
  for (const edge of edges) {
    for (const end of [edge.from, edge.to]) if (!nodes.has(end)) throw new Error(`edge to undeclared node ${end}`);
  }
  return { direction, nodes, subgraphs, edges };
}
