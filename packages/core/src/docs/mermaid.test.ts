import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fluxGraphMermaid, type FluxGraph } from "./flux-graph.js";
import { mermaidBlock, mermaidIds, mermaidLabel, mermaidText, type MermaidIdKind } from "./mermaid.js";
import { decodeMermaid, flowchartShape, parseFlowchart, parseWithMermaid } from "./testing/index.js";


// Names that would break a naive diagram: quotes, brackets, arrows, keywords, entities, HTML.
const hostileNames = [
  'a"b',
  "end",
  "subgraph",
  "x --> y",
  "o--x",
  "a|b|",
  "a;b",
  "#quot;",
  "#35;",
  "<script>alert(1)</script>",
  "a&amp;b",
  "`md`",
  "[box]",
  "(round)",
  "{curly}",
  "line\nbreak",
  "",
  "ünïcødé 😀",
];
const hostile = fc.oneof(
  fc.constantFrom(...hostileNames),
  fc.array(fc.constantFrom(..."\"#;<>&`|[](){}-.>xo end\n/é\t\u00a0\u2028\ufeff"), { maxLength: 20 }).map((chars) => chars.join("")),
  fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
);

describe("mermaidText / mermaidLabel", () => {
  it("GIVEN any text THEN the label holds no character Mermaid would parse, and decodes back to the text", () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const text = mermaidText(value);
        expect(text).toMatch(/^(?:[^"<>&`|;#\r\n]|#\w+;)*$/);
        expect(decodeMermaid(text)).toBe(value.replace(/\r\n|\r|\n/g, " "));
      }),
      { numRuns: 500 },
    );
  });

  it("GIVEN an empty label THEN it is a no-break space, because Mermaid rejects an empty string", async () => {
    expect(mermaidLabel("")).toBe('"#160;"');
    expect(mermaidLabel()).toBe('"#160;"');
    expect(mermaidLabel("", "")).toBe('"<br/>"');
    // Mermaid trims labels; whitespace at the ends survives as entities.
    expect(mermaidLabel(" a", "b\t")).toBe('"#32;a<br/>b#9;"');
    expect(flowchartShape(await parseWithMermaid(["flowchart LR", `  k_a[${mermaidLabel(" a", "b\t")}]`]))).toMatchObject({ nodes: [["k_a", [" a", "b\t"]]] });
    await expect(parseWithMermaid(["flowchart LR", '  k_a[""]'])).rejects.toThrow(/Parse error/);
    expect(flowchartShape(await parseWithMermaid(["flowchart LR", `  k_a[${mermaidLabel("")}]`]))).toMatchObject({ nodes: [["k_a", ["\u00a0"]]] });
  });

  it("GIVEN several lines THEN the label is one quoted string joined by <br/>, each line decoding to itself", () => {
    const label = mermaidLabel('a"b', "<c>");
    expect(label).toBe('"a#quot;b<br/>#lt;c#gt;"');
    expect(label.slice(1, -1).split("<br/>").map(decodeMermaid)).toEqual(['a"b', "<c>"]);
  });
});

describe("mermaidIds", () => {
  const kinds: MermaidIdKind[] = ["cluster", "node", "router", "pool", "mesh", "group", "ks"];

  it("GIVEN any keys THEN ids are identifiers, never keywords, distinct per (kind, key) and stable", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), hostile), { maxLength: 30 }), (entries) => {
        const id = mermaidIds();
        const first = entries.map(([kind, key]) => id(kind, key));
        for (const value of first) expect(value).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
        for (const value of first) expect(["end", "subgraph", "graph", "flowchart", "style", "class"]).not.toContain(value);
        const distinctKeys = new Set(entries.map(([kind, key]) => `${kind}\u0000${key}`));
        expect(new Set(first).size).toBe(distinctKeys.size);
        expect(entries.map(([kind, key]) => id(kind, key))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it("GIVEN keys that sanitise alike THEN the later one gets a numbered suffix", () => {
    const id = mermaidIds();
    expect([id("ks", "a-b"), id("ks", "a.b"), id("ks", "a_b"), id("ks", "a-b")]).toEqual(["k_a_b", "k_a_b_2", "k_a_b_3", "k_a_b"]);
  });
});

describe("fluxGraphMermaid with hostile names", () => {
  // What a reader sees for a name: line breaks become spaces, an empty name a no-break space.
  const oneLine = (text: string) => text.replace(/\r\n|\r|\n/g, " ") || "\u00a0";

  it("GIVEN Kustomizations and groups with hostile names THEN the flowchart parses, Mermaid reads it the same way, and it shows every name and edge unchanged", async () => {
    await fc.assert(
      // Line breaks render as spaces, so keys are unique in that form: otherwise " " and "\n" would
      // be two Kustomizations the reader (and this test) cannot tell apart.
      fc.asyncProperty(fc.uniqueArray(hostile, { minLength: 1, maxLength: 8, selector: oneLine }), fc.array(hostile, { minLength: 1, maxLength: 3 }), async (keys, groups) => {
        const graph: FluxGraph = {
          nodes: keys.map((key, i) => ({ key, name: key, namespace: "ns", component: key, stage: "app", group: groups[i % groups.length]! })),
          edges: keys.slice(1).map((key, i) => ({ kustomization: key, dependsOn: keys[i]! })),
        };
        const lines = fluxGraphMermaid(graph);
        const chart = parseFlowchart(lines);
        expect(flowchartShape(await parseWithMermaid(lines))).toEqual(flowchartShape(chart));
        const keyOf = new Map([...chart.nodes].map(([id, lines]) => [id, lines.join("\n")]));
        expect([...keyOf.values()].sort()).toEqual(keys.map(oneLine).sort());
        const edges = chart.edges.map((edge) => `${keyOf.get(edge.from)} -> ${keyOf.get(edge.to)}`).sort();
        expect(edges).toEqual(graph.edges.map((edge) => `${oneLine(edge.dependsOn)} -> ${oneLine(edge.kustomization)}`).sort());
        expect([...chart.subgraphs.values()].map((s) => s.title).sort()).toEqual([...new Set(graph.nodes.map((n) => n.group))].map(oneLine).sort());
        for (const { title, members } of chart.subgraphs.values()) {
          for (const member of members) expect(oneLine(graph.nodes.find((n) => oneLine(n.key) === keyOf.get(member))!.group)).toBe(title);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("GIVEN a label Mermaid would misread THEN the real parser rejects it, so the cross-check can fail", async () => {
    await expect(parseWithMermaid(["flowchart LR", '  k_a["a"b"] --> k_b'])).rejects.toThrow(/Parse error/);
    const escaped = ["flowchart LR", `  k_a[${mermaidLabel('a"b', "<c> & #1;")}]`, `  k_b[${mermaidLabel("end")}]`, '  k_a -->|"x#124;y"| k_b'];
    expect(flowchartShape(await parseWithMermaid(escaped))).toEqual({
      direction: "LR",
      nodes: [["k_a", ['a"b', "<c> & #1;"]], ["k_b", ["end"]]],
      subgraphs: [],
      edges: [["k_a", "-->", "k_b", "x|y"]],
    });
  });

  it("GIVEN lines THEN mermaidBlock fences them for GitHub", () => {
    expect(mermaidBlock(["flowchart LR", "  a --> b"])).toBe("```mermaid\nflowchart LR\n  a --> b\n```");
  });
});
