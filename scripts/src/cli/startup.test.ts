import { relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bundleImports } from "../ci/test-cache/cache.js";

const workspaceDir = resolve(import.meta.dirname, "..", "..", "..");
const main = "packages/cli/src/main.ts";

/** esbuild's import graph from main.ts, bundled once for both tests. */
const graphOfMain = bundleImports([resolve(workspaceDir, main)], workspaceDir).then(({ metafile }) => metafile.inputs);

/** The workspace modules Node evaluates when it loads `entry`: import statements only, not `import()`. */
async function staticClosure(entry: string): Promise<string[]> {
  const graph = await graphOfMain;
  const seen = new Set([entry]);
  const queue = [entry];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const imported of graph[next]?.imports ?? []) {
      if (imported.external || imported.kind !== "import-statement" || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen].map((path) => relative(workspaceDir, resolve(workspaceDir, path))).sort();
}

describe("the CLI's startup", () => {
  it("GIVEN the CLI's entry module THEN loading it loads no component, no renderer and no verify module: each command imports its own (init and --help start in a tenth of the 2 s they took)", async () => {
    const closure = await staticClosure(main);
    expect(closure).toContain(main);
    expect(closure.filter((path) => /^packages\/(components|platform|talos|clusters)\/|^packages\/cli\/src\/(verify|generate|init|fetch-)|^packages\/core\/src\/index\.ts$/.test(path))).toEqual([]);
  });

  it("GIVEN each command THEN the module it imports when it runs is still bundled (a literal import())", async () => {
    const dynamic = ((await graphOfMain)[main]?.imports ?? []).filter((i) => i.kind === "dynamic-import").map((i) => relative(workspaceDir, resolve(workspaceDir, i.path)));
    expect([...new Set(dynamic)].sort()).toEqual(
      ["args", "config", "fetch-charts", "fetch-schemas", "generate", "init", "verify/report", "verify/verify-tree"].map((m) => `packages/cli/src/${m}.ts`),
    );
  });
});
