import type { JSDOM } from "jsdom";
import type { ParsedFlowchart } from "./flowchart.js";

// The parts of Mermaid's flowchart database this check reads; Mermaid does not export these types.
interface FlowVertex {
  readonly id: string;
  readonly text?: string;
}
interface FlowEdge {
  readonly start: string;
  readonly end: string;
  readonly type?: string;
  readonly stroke?: string;
  readonly text?: string;
}
interface FlowSubGraph {
  readonly id: string;
  readonly title: string;
  readonly nodes: readonly string[];
}
interface FlowDb {
  getDirection(): string | undefined;
  getVertices(): ReadonlyMap<string, FlowVertex>;
  getEdges(): readonly FlowEdge[];
  getSubGraphs(): readonly FlowSubGraph[];
}
interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  mermaidAPI: { getDiagramFromText(text: string): Promise<{ type: string; db: unknown }> };
}

let loaded: Promise<{ mermaid: MermaidApi; dom: JSDOM }> | undefined;

// Mermaid sanitises labels with DOMPurify, which needs a DOM, so a jsdom window is installed once
// per test file before Mermaid is first imported. Both load on first use: most tests that import
// the docs testing helpers never parse with Mermaid.
function loadMermaid(): Promise<{ mermaid: MermaidApi; dom: JSDOM }> {
  loaded ??= (async () => {
    const { JSDOM } = await import("jsdom");
    const dom = new JSDOM("<!doctype html><html><body></body></html>");
    const globals = globalThis as Record<string, unknown>;
    globals["window"] ??= dom.window;
    globals["document"] ??= dom.window.document;
    const { default: mermaid } = (await import("mermaid")) as unknown as { default: MermaidApi };
    // GitHub renders Mermaid with the strict security level.
    mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
    return { mermaid, dom };
  })();
  return loaded;
}

/**
 * What a label shows once rendered: Mermaid turns `#name;`/`#code;` into HTML entities (its
 * internal markers are put back here the way its renderer does), then the browser reads the
 * label as HTML, so entities decode and `<br>` breaks the line.
 */
function shownLines(dom: JSDOM, text: string): string[] {
  const html = text.replace(/ﬂ°°/g, "&#").replace(/ﬂ°/g, "&").replace(/¶ß/g, ";");
  const element = dom.window.document.createElement("div");
  return html.split(/<br\s*\/?>/i).map((part) => {
    element.innerHTML = part;
    return element.textContent ?? "";
  });
}

// Mermaid's edge type and stroke for each arrow the docs use.
const arrows: Readonly<Record<string, string>> = {
  "arrow_point/normal": "-->",
  "double_arrow_point/normal": "<-->",
  "arrow_point/dotted": "-.->",
};

/**
 * Parses a flowchart with Mermaid itself (the library GitHub renders with) and returns what it
 * understood, in the shape of {@link ParsedFlowchart}, so a test can require that the real parser
 * and the strict subset parser read the same diagram. Throws Mermaid's own error for a diagram
 * it rejects.
 */
export async function parseWithMermaid(lines: readonly string[]): Promise<ParsedFlowchart> {
  const { mermaid, dom } = await loadMermaid();
  const shown = (text: string) => shownLines(dom, text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(lines.join("\n"));
  if (!diagram.type.startsWith("flowchart")) throw new Error(`not a flowchart: ${diagram.type}`);
  const db = diagram.db as FlowDb;
  const subgraphs = db.getSubGraphs();
  return {
    direction: db.getDirection() ?? "",
    nodes: new Map([...db.getVertices().values()].map((vertex) => [vertex.id, shown(vertex.text ?? vertex.id)])),
    subgraphs: new Map(subgraphs.map((subgraph) => [subgraph.id, { title: shown(subgraph.title).join("\n"), members: [...subgraph.nodes] }])),
    edges: db.getEdges().map((edge) => {
      const arrow = arrows[`${edge.type}/${edge.stroke}`] ?? `${edge.type}/${edge.stroke}`;
      return { from: edge.start, to: edge.end, arrow, ...(edge.text ? { label: shown(edge.text).join("\n") } : {}) };
    }),
  };
}

/** A flowchart as plain sorted data, so two parses compare with `toEqual` whatever their order. */
export function flowchartShape(chart: ParsedFlowchart): unknown {
  const sorted = <T>(items: readonly T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return {
    direction: chart.direction,
    nodes: sorted([...chart.nodes].map(([id, label]) => [id, label])),
    subgraphs: sorted([...chart.subgraphs].map(([id, { title, members }]) => [id, title, [...members].sort()])),
    edges: sorted(chart.edges.map((edge) => [edge.from, edge.arrow, edge.to, edge.label ?? null])),
  };
}
