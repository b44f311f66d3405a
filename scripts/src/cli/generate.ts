import { resolve } from "node:path";
import { checkTree, clusterScope, sharedScope, UserError, writeTree, type Inventory } from "@k8s-gitops/core";
import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import type { GenerateArgs } from "./args.js";
import { defaultOutDir } from "./repo.js";

export interface GenerateResult {
  readonly exitCode: number;
  readonly output: string;
}

const seconds = (start: bigint): string => `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)}s`;

/**
 * Loads and validates the inventories, renders everything in memory and only then touches the
 * output directory, so an invalid input leaves generated/ exactly as it was.
 */
export async function runGenerate(
  args: GenerateArgs,
  load: () => Promise<Inventory[]> = loadInventories,
): Promise<GenerateResult> {
  const start = process.hrtime.bigint();
  const outDir = args.out ? resolve(args.out) : defaultOutDir();
  const inventories = await load();
  const estate = renderEstate(inventories, args.gitPath === undefined ? {} : { gitPath: args.gitPath });
  if (args.cluster !== undefined && !estate.clusters.includes(args.cluster)) {
    throw new UserError(`--cluster ${JSON.stringify(args.cluster)}: no such cluster (known: ${estate.clusters.join(", ")})`);
  }
  const scopes = args.cluster ? [clusterScope(args.cluster), sharedScope] : undefined;
  const pruneScopes = args.cluster ? [clusterScope(args.cluster)] : undefined;
  const files = scopes ? estate.files.filter((f) => scopes.includes(f.scope)) : estate.files;

  if (args.check) {
    const result = await checkTree(files, { outDir, ...(pruneScopes ? { scopes: pruneScopes } : {}) });
    if (result.ok) return { exitCode: 0, output: `check: ${files.length} files up to date in ${seconds(start)}` };
    return {
      exitCode: 1,
      output: `${result.report.trimEnd()}\ncheck: failed in ${seconds(start)}; run \`pnpm generate\` and commit the result`,
    };
  }
  const result = await writeTree(files, { outDir, ...(pruneScopes ? { scopes: pruneScopes } : {}) });
  return {
    exitCode: 0,
    output: `generate: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed in ${seconds(start)}`,
  };
}
