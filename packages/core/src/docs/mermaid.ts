// Mermaid decodes `#name;` / `#code;` entities before parsing, so every character that means
// something to its parser or to the HTML labels is replaced by one. `#` goes first by
// construction (one pass over the text), so an escaped value can never form a new entity.
const entities: Readonly<Record<string, string>> = {
  "#": "#35;",
  '"': "#quot;",
  "<": "#lt;",
  ">": "#gt;",
  "&": "#amp;",
  "`": "#96;",
  "|": "#124;",
  ";": "#59;",
};

/** Text shown literally inside a quoted Mermaid label; line breaks become spaces. */
export function mermaidText(value: unknown): string {
  return String(value)
    .replace(/\r\n|\r|\n/g, " ")
    .replace(/[#"<>&`|;]/g, (char) => entities[char]!);
}

/**
 * A quoted Mermaid label of one or more lines, each escaped with {@link mermaidText}. Mermaid
 * trims a label, so whitespace at either end is written as entities, which it decodes only after
 * trimming. It rejects an empty quoted string, which would break the whole diagram, so an empty
 * label is shown as a single no-break space.
 */
export function mermaidLabel(...lines: readonly unknown[]): string {
  const text = lines.map(mermaidText).join("<br/>");
  if (text === "") return `"${EMPTY_LABEL}"`;
  return `"${text.replace(/^\s+|\s+$/gu, (run) => [...run].map((char) => `#${char.codePointAt(0)};`).join(""))}"`;
}

/** What {@link mermaidLabel} writes for an empty label: a no-break space. */
export const EMPTY_LABEL = "#160;";

/** Kinds of things a diagram names; each gets its own id prefix, so ids never collide across kinds. */
export type MermaidIdKind = "cluster" | "node" | "router" | "pool" | "mesh" | "group" | "ks";

const prefixes: Readonly<Record<MermaidIdKind, string>> = {
  cluster: "c",
  node: "n",
  router: "r",
  pool: "lb",
  mesh: "m",
  group: "g",
  ks: "k",
};

/**
 * Allocates Mermaid node ids: `<prefix>_<key with every non-[A-Za-z0-9_] replaced by _>`. The
 * prefix keeps ids clear of keywords (`end`, `subgraph`, ...) and of the `o`/`x` arrow heads;
 * keys that sanitise to the same id get `_2`, `_3`, ... in the order they are first asked for.
 * The same key always gets the same id.
 */
export function mermaidIds(): (kind: MermaidIdKind, key: string) => string {
  const byKey = new Map<string, string>();
  const taken = new Set<string>();
  return (kind, key) => {
    const known = byKey.get(`${kind}\u0000${key}`);
    if (known !== undefined) return known;
    const base = `${prefixes[kind]}_${key.replace(/[^A-Za-z0-9_]/g, "_")}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
    taken.add(id);
    byKey.set(`${kind}\u0000${key}`, id);
    return id;
  };
}

/** A fenced Mermaid block, which GitHub renders as a picture. */
export function mermaidBlock(lines: readonly string[]): string {
  return ["```mermaid", ...lines, "```"].join("\n");
}
