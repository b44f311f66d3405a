/** The checks of `pnpm verify`; each problem line starts with one of these. */
export type CheckName =
  | "kustomize"
  | "flux-path"
  | "schema"
  | "allow-list"
  | "helm-values"
  | "helm-render"
  | "helm-value-unused"
  | "talos"
  | "flux-graph"
  | "namespace"
  | "disruption"
  | "monitoring"
  | "secret"
  | "schema-coverage"
  | "twin"
  | "network-flows";

/** One finding: which check, which file (relative to the tree root) and what is wrong. */
export interface Problem {
  readonly check: CheckName;
  readonly file: string;
  readonly message: string;
}

/** `check: file: message`, the line `pnpm verify` prints for a problem. */
export const formatProblemLine = (problem: Problem): string => `${problem.check}: ${problem.file}: ${problem.message}`;

export const problem = (check: CheckName, file: string, message: string): Problem => ({ check, file, message });

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable order for reports and tests: by check, file, then message; exact duplicates dropped. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => compare(a.check, b.check) || compare(a.file, b.file) || compare(a.message, b.message))
    .filter((p) => {
      const line = formatProblemLine(p);
      if (seen.has(line)) return false;
      seen.add(line);
      return true;
    });
}
