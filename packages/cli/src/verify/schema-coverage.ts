import { upstreamFiles } from "@k8s-gitops/core/schemas";
import { type Problem, problem } from "./problems.js";

/**
 * Every schema file verify used must be one that `k8s-gitops fetch schemas` downloads (pinned in
 * core's `upstream.ts`), or users without `../shared/schemas` could not run the same checks.
 */
export function checkSchemaCoverage(used: Iterable<string>, fetched: Iterable<string> = upstreamFiles.map((file) => file.path)): Problem[] {
  const known = new Set(fetched);
  return [...new Set(used)]
    .filter((path) => !known.has(path))
    .sort()
    .map((path) => problem("schema-coverage", path, "is used by verify but `k8s-gitops fetch schemas` does not download it; add it to packages/core/src/schemas/upstream.ts"));
}
