/**
 * Which `.Values` paths a chart's templates read, and how: field by field (`.Values.image.tag`), or
 * whole (`toYaml .Values.podAnnotations`, `range .Values.extraEnv`), which marks a free-form value.
 *
 * The scanner follows Go's text/template syntax as Helm uses it (text/template/parse: lex.go for
 * `{{- -}}` trimming, comments, strings and raw strings; parse.go for `if`/`with`/`range`/`define`/
 * `block`/`else`/`end` and `$var :=`), as far as is sound without evaluating anything:
 * - `.Values.a.b`, `$.Values.a.b`, `.root.Values.a.b` (any chain through a `Values` field), and
 *   `index .Values "a" "b"` with literal keys;
 * - `with X` and `range X` move `.` to X (to each element of X for range: the child `*`), `else`
 *   restores it, `end` pops; `$v := X` and `range $k, $v := X` bind variables;
 * - inside `define`/`block` the dot is assumed to be the chart root (`include "x" .` or `$`, the
 *   convention of every chart read here); anything else makes `.` unknown and its reads are dropped.
 * Reads in the condition of `if`/`else if`/`with` are existence tests, not uses of the value.
 */

/** The usage tree: per key, whether the value is used whole and which sub-keys are read. */
export interface Usage {
  whole: boolean;
  readonly children: Map<string, Usage>;
  /**
   * Kinds the templates test the value for (`kindIs "string" .Values.x`, sprig's reflect.Kind
   * names, or `typeIs` with Go type names): the chart accepts each of them.
   */
  readonly kinds: Set<string>;
}

export const elementKey = "*";

export function newUsage(): Usage {
  return { whole: false, children: new Map(), kinds: new Set() };
}

function child(usage: Usage, key: string): Usage {
  let next = usage.children.get(key);
  if (next === undefined) {
    next = newUsage();
    usage.children.set(key, next);
  }
  return next;
}

/** Where `.` or a variable points: the chart root (`.Values` works), a values path, or unknown. */
type Ref = { readonly kind: "root" } | { readonly kind: "values"; readonly path: readonly string[] } | { readonly kind: "unknown" };

const root: Ref = { kind: "root" };
const unknownRef: Ref = { kind: "unknown" };

interface Frame {
  readonly keyword: string;
  readonly outerDot: Ref;
  dot: Ref;
  vars: Map<string, Ref>;
  readonly outerVars: Map<string, Ref>;
}

type Token = { readonly kind: "chain"; readonly text: string } | { readonly kind: "string"; readonly text: string } | { readonly kind: "punct" | "word"; readonly text: string };

/** The actions (`{{ ... }}` bodies) of a template, comments dropped. */
export function actions(template: string): string[] {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const open = template.indexOf("{{", at);
    if (open < 0) return out;
    let start = open + 2;
    if (template[start] === "-" && /\s/.test(template[start + 1] ?? "")) start += 1;
    // A comment `{{/* ... */}}` may contain `}}`; it ends at `*/}}` (text/template lex.go lexComment).
    const trimmed = template.slice(start).trimStart();
    if (trimmed.startsWith("/*")) {
      const end = template.indexOf("*/", start);
      if (end < 0) return out;
      at = template.indexOf("}}", end);
      if (at < 0) return out;
      at += 2;
      continue;
    }
    // Find the closing `}}` outside string literals.
    let i = start;
    let quote: string | undefined;
    for (; i < template.length; i++) {
      const c = template[i]!;
      if (quote !== undefined) {
        if (c === "\\" && quote === '"') i++;
        else if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "`" || c === "'") quote = c;
      else if (c === "}" && template[i + 1] === "}") break;
    }
    let body = template.slice(start, i);
    if (body.endsWith("-") && /\s/.test(body[body.length - 2] ?? "")) body = body.slice(0, -1);
    out.push(body.trim());
    at = i + 2;
  }
}

function tokenize(action: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|"((?:[^"\\]|\\.)*)"|`([^`]*)`|'(?:[^'\\]|\\.)*'|(\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\.(?:[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)?)|(:=|=|\||\(|\)|,)|([^\s"`'()|,]+)/gy;
  for (let match = pattern.exec(action); match !== null && match[0] !== ""; match = pattern.exec(action)) {
    if (match[1] !== undefined || match[2] !== undefined) tokens.push({ kind: "string", text: match[1] ?? match[2] ?? "" });
    else if (match[3] !== undefined) tokens.push({ kind: "chain", text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: "punct", text: match[4] });
    else if (match[5] !== undefined) tokens.push({ kind: "word", text: match[5] });
  }
  return tokens;
}

/** Where a chain (`.a.b`, `$x.a`, `$.Values.a`) points, given the dot and the variables. */
function resolve(chain: string, dot: Ref, vars: Map<string, Ref>): Ref {
  const [head, ...fields] = chain.split(".");
  let base: Ref;
  if (head === "$") base = root;
  else if (head?.startsWith("$")) base = vars.get(head) ?? unknownRef;
  else base = dot;
  const rest = fields.filter((f) => f !== "");
  // Any chain through a `Values` field reaches the chart's values (`.ctx.Values.x` in helpers).
  const valuesAt = rest.indexOf("Values");
  if (base.kind === "root" || (base.kind === "unknown" && valuesAt >= 0)) {
    if (valuesAt < 0) return unknownRef;
    if (base.kind === "root" && valuesAt !== 0 && !rest.slice(0, valuesAt).every((f) => /^[a-z]/.test(f))) return unknownRef;
    return { kind: "values", path: rest.slice(valuesAt + 1) };
  }
  if (base.kind === "values") return { kind: "values", path: [...base.path, ...rest] };
  return unknownRef;
}

/** Collects the `.Values` usage of a set of templates (a chart and its library charts). */
export class UsageCollector {
  readonly usage = newUsage();

  private record(path: readonly string[], whole: boolean, kind?: string): void {
    let at = this.usage;
    for (const key of path) at = child(at, key);
    if (whole) at.whole = true;
    if (kind !== undefined) at.kinds.add(kind);
  }

  private recordRef(ref: Ref, whole: boolean): void {
    if (ref.kind === "values") this.record(ref.path, whole);
  }

  /** Reads every chain and `index` call of a token list; returns the refs of top-level chains. */
  private readTokens(tokens: readonly Token[], dot: Ref, vars: Map<string, Ref>, whole: boolean): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind === "word" && token.text === "index") {
        const target = tokens[i + 1];
        if (target?.kind !== "chain") continue;
        const keys: string[] = [];
        let j = i + 2;
        while (tokens[j]?.kind === "string") keys.push(tokens[j++]!.text);
        const ref = resolve(target.text, dot, vars);
        if (ref.kind === "values") this.record([...ref.path, ...keys], whole);
        i = j - 1;
        continue;
      }
      if (token.kind === "word" && (token.text === "kindIs" || token.text === "typeIs") && tokens[i + 1]?.kind === "string" && tokens[i + 2]?.kind === "chain") {
        const ref = resolve(tokens[i + 2]!.text, dot, vars);
        if (ref.kind === "values") this.record(ref.path, false, tokens[i + 1]!.text);
        i += 2;
        continue;
      }
      if (token.kind === "chain") this.recordRef(resolve(token.text, dot, vars), whole);
    }
  }

  /** The ref of a pipeline that is a single chain or `index chain "k"...`, else unknown. */
  private pipelineRef(tokens: readonly Token[], dot: Ref, vars: Map<string, Ref>): Ref {
    const first = tokens[0];
    if (tokens.length === 1 && first?.kind === "chain") return resolve(first.text, dot, vars);
    if (first?.kind === "word" && first.text === "index" && tokens[1]?.kind === "chain" && tokens.slice(2).every((t) => t.kind === "string")) {
      const ref = resolve(tokens[1].text, dot, vars);
      return ref.kind === "values" ? { kind: "values", path: [...ref.path, ...tokens.slice(2).map((t) => t.text)] } : unknownRef;
    }
    return unknownRef;
  }

  /** Scans one template file. */
  add(template: string): void {
    const stack: Frame[] = [];
    let dot: Ref = root;
    let vars = new Map<string, Ref>();
    const push = (keyword: string, nextDot: Ref): void => {
      stack.push({ keyword, outerDot: dot, dot: nextDot, vars: new Map(vars), outerVars: vars });
      dot = nextDot;
      vars = stack[stack.length - 1]!.vars;
    };
    for (const action of actions(template)) {
      const tokens = tokenize(action);
      const first = tokens[0];
      const keyword = first?.kind === "word" ? first.text : undefined;
      if (keyword === "end") {
        const frame = stack.pop();
        dot = frame?.outerDot ?? root;
        vars = frame?.outerVars ?? new Map();
        continue;
      }
      if (keyword === "define" || keyword === "block") {
        if (keyword === "block") this.readTokens(tokens.slice(2), dot, vars, true);
        push(keyword, root);
        vars = new Map();
        stack[stack.length - 1]!.vars = vars;
        continue;
      }
      if (keyword === "else") {
        const frame = stack[stack.length - 1];
        if (frame === undefined) continue;
        dot = frame.outerDot;
        vars = new Map(frame.outerVars);
        frame.vars = vars;
        const rest = tokens.slice(1);
        if (rest[0]?.kind === "word" && rest[0].text === "with") this.enterWith(rest.slice(1), frame);
        else this.readTokens(rest, dot, vars, false);
        if (rest[0]?.kind === "word" && rest[0].text === "with") dot = frame.dot;
        continue;
      }
      if (keyword === "if") {
        this.readTokens(tokens.slice(1), dot, vars, false);
        push("if", dot);
        continue;
      }
      if (keyword === "with") {
        push("with", dot);
        const frame = stack[stack.length - 1]!;
        dot = frame.outerDot;
        this.enterWith(tokens.slice(1), frame);
        dot = frame.dot;
        continue;
      }
      if (keyword === "range") {
        const body = tokens.slice(1);
        const assign = body.findIndex((t) => t.kind === "punct" && t.text === ":=");
        const declared = assign < 0 ? [] : body.slice(0, assign).filter((t) => t.kind === "chain").map((t) => t.text);
        const source = body.slice(assign + 1);
        const ref = this.pipelineRef(source, dot, vars);
        this.readTokens(source, dot, vars, true);
        const element: Ref = ref.kind === "values" ? { kind: "values", path: [...ref.path, elementKey] } : unknownRef;
        push("range", element);
        // `range $v := X` binds the element; `range $k, $v := X` the key and the element.
        const valueVar = declared[declared.length - 1];
        if (valueVar !== undefined) vars.set(valueVar, element);
        if (declared.length === 2) vars.set(declared[0]!, unknownRef);
        continue;
      }
      const assign = tokens.findIndex((t) => t.kind === "punct" && (t.text === ":=" || t.text === "="));
      if (assign === 1 && first?.kind === "chain" && first.text.startsWith("$")) {
        const source = tokens.slice(2);
        const ref = this.pipelineRef(source, dot, vars);
        // Binding a variable is not a use; the reads through it are recorded when they happen.
        if (ref.kind !== "values") this.readTokens(source, dot, vars, true);
        vars.set(first.text, ref);
        continue;
      }
      this.readTokens(tokens, dot, vars, true);
    }
  }

  private enterWith(tokens: readonly Token[], frame: Frame): void {
    const assign = tokens.findIndex((t) => t.kind === "punct" && t.text === ":=");
    const source = assign < 0 ? tokens : tokens.slice(assign + 1);
    const ref = this.pipelineRef(source, frame.outerDot, frame.vars);
    this.readTokens(source, frame.outerDot, frame.vars, false);
    frame.dot = ref;
    if (assign === 1 && tokens[0]?.kind === "chain") frame.vars.set(tokens[0].text, ref);
  }
}
