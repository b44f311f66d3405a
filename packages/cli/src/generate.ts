import { resolve } from "node:path";
import {
  checkTree,
  clusterScope,
  hasPendingJournal,
  isUserError,
  recoverInterruptedWrite,
  sharedScope,
  UserError,
  writeTree,
  type LockOptions,
} from "@k8s-gitops/core";
import { EstateConfigError, renderEstate } from "@k8s-gitops/platform";
import type { GenerateArgs } from "./args.js";
import { inConfig, type Project } from "./config.js";

export interface GenerateResult {
  readonly exitCode: number;
  readonly output: string;
}

const seconds = (start: bigint): string => `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)}s`;

/** Says once, on stderr, that the run waits for another one holding the output directory. */
export const lockMessages: LockOptions = {
  onWait: (owner, lockPath) =>
    process.stderr.write(
      `waiting for another generate (${owner === undefined ? "unknown holder" : `pid ${owner.pid} on ${owner.hostname}, started ${owner.started}`}) ` +
        `to release ${lockPath}...\n`,
    ),
};

/**
 * Loads and validates the inventories, renders everything in memory and only then touches the
 * output directory, so an invalid input leaves generated/ exactly as it was. An interrupted write
 * whose journal is committed is finished first, even if the input is now invalid: that write was
 * decided by an earlier, valid run, and leaving it half applied would leave generated/ incomplete.
 */
export async function runGenerate(args: GenerateArgs, project: Project, lock: LockOptions = lockMessages): Promise<GenerateResult> {
  const start = process.hrtime.bigint();
  const outDir = args.out ? resolve(args.out) : project.outDir;
  const recovered = args.check ? "none" : await recoverInterruptedWrite(outDir, { lock });
  const finished = recovered === "rolled-forward" ? "finished an interrupted write; " : "";
  const inventories = await project.loadInventories().catch(async (error: unknown) => {
    // --check writes nothing, so it cannot finish an interrupted write; it says that one is pending.
    if (args.check && isUserError(error) && (await hasPendingJournal(outDir).catch(() => false))) {
      throw new UserError(
        `${error.message}\nnote: a write into ${outDir} was interrupted after its commit point; \`k8s-gitops generate\` finishes it`,
      );
    }
    throw error;
  });
  // A valid estate builds exactly one cluster per inventory (buildEstate checks it), so an unknown
  // --cluster is known before the render, which takes seconds.
  const known = inventories.map((inventory) => inventory.cluster.name);
  if (args.cluster !== undefined && !known.includes(args.cluster)) {
    throw new UserError(`--cluster ${JSON.stringify(args.cluster)}: no such cluster (known: ${known.join(", ")})`);
  }
  const estate = render(project, inventories, args);
  const scopes = args.cluster ? [clusterScope(args.cluster), sharedScope] : undefined;
  const pruneScopes = args.cluster ? [clusterScope(args.cluster)] : undefined;
  const files = scopes ? estate.files.filter((f) => scopes.includes(f.scope)) : estate.files;

  if (args.check) {
    const result = await checkTree(files, { outDir, adopt: args.adopt, lock, ...(pruneScopes ? { scopes: pruneScopes } : {}) });
    if (result.ok) return { exitCode: 0, output: `check: ${files.length} files up to date in ${seconds(start)}` };
    return {
      exitCode: 1,
      output: `${result.report.trimEnd()}\ncheck: failed in ${seconds(start)}; run \`k8s-gitops generate\` and commit the result`,
    };
  }
  const result = await writeTree(files, { outDir, adopt: args.adopt, lock, ...(pruneScopes ? { scopes: pruneScopes } : {}) });
  return {
    exitCode: 0,
    output: `generate: ${finished}${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed in ${seconds(start)}`,
  };
}

/** Renders the estate; mistakes of the config itself are reported at the config file. */
function render(project: Project, inventories: Parameters<typeof renderEstate>[1], args: GenerateArgs): ReturnType<typeof renderEstate> {
  try {
    return renderEstate(project.estate, inventories, args.gitPath === undefined ? {} : { gitPath: args.gitPath });
  } catch (error) {
    throw error instanceof EstateConfigError ? inConfig(project.configPath, error) : error;
  }
}
