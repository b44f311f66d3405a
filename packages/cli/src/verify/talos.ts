import { posix } from "node:path";
import { formatProblem, pickTalosSchemaDir, validateTalosDocument } from "@k8s-gitops/core/schemas";
import { parseAllDocuments } from "yaml";
import { type Problem, problem } from "./problems.js";
import { listSchemaDir } from "./schema-root.js";
import type { TreeFile } from "./tree.js";

export interface TalosCheckResult {
  readonly problems: readonly Problem[];
  readonly documents: number;
  readonly schemaFiles: ReadonlySet<string>;
}

/** Files below `talos/` that are not machine configuration: the Image Factory schematic and SOPS files. */
const isMachineConfig = (path: string): boolean =>
  path.startsWith("talos/") && /\.ya?ml$/.test(path) && posix.basename(path) !== "schematic.yaml" && !/\.sops\.ya?ml$/.test(path);

/**
 * Validates every Talos machine-config document against the Talos schema of the version the
 * file's header names (`Talos v1.13.9`); `talosctl` applies the same documents.
 */
export function checkTalos(files: readonly TreeFile[], schemaRoot: string): TalosCheckResult {
  const problems: Problem[] = [];
  const schemaFiles = new Set<string>();
  let documents = 0;
  for (const file of files.filter((f) => isMachineConfig(f.path))) {
    const version = /Talos (v\d+\.\d+\.\d+)/.exec(file.content)?.[1];
    if (version === undefined) {
      problems.push(problem("talos", file.path, "the header does not name the Talos version (`Talos vX.Y.Z`), so no schema can be chosen"));
      continue;
    }
    const dir = pickTalosSchemaDir(listSchemaDir(schemaRoot, "talos"), version);
    if (dir === undefined) {
      problems.push(problem("talos", file.path, `no Talos schema for ${version} in the schema root; add it to upstream.ts and run \`k8s-gitops fetch schemas\``));
      continue;
    }
    schemaFiles.add(`talos/${dir}/config.schema.json`);
    const parsed = parseAllDocuments(file.content, { uniqueKeys: true });
    for (const [index, document] of [...parsed].entries()) {
      const where = parsed.length > 1 ? `document ${index + 1}: ` : "";
      if (document.errors.length > 0) {
        problems.push(problem("talos", file.path, `${where}invalid YAML: ${document.errors[0]!.message.split("\n")[0]}`));
        continue;
      }
      const doc: unknown = document.toJS();
      if (doc === null || doc === undefined) continue;
      documents++;
      for (const found of validateTalosDocument(doc, version, { root: schemaRoot })) problems.push(problem("talos", file.path, `${where}${formatProblem(found)}`));
    }
  }
  return { problems, documents, schemaFiles };
}
