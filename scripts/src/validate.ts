import { resolve } from "node:path";
import { defaultOutDir } from "./cli/repo.js";
import { kustomizationDirs, kustomizeFailures, plainSecretFiles, readTree, schemaFailures, talosFailures } from "./validate/tree.js";

/**
 * `pnpm validate [DIR]`: checks a generated tree the way CI tools would — kubectl kustomize on
 * every kustomization, strict schema validation of every document, no plain Secrets.
 */
const root = resolve(process.argv[2] ?? defaultOutDir());
const start = process.hrtime.bigint();
const files = readTree(root);
const dirs = kustomizationDirs(files);
const problems = [
  ...(await kustomizeFailures(root, dirs)).map((p) => `kustomize: ${p}`),
  ...schemaFailures(files).map((p) => `schema: ${p}`),
  ...talosFailures(files).map((p) => `talos: ${p}`),
  ...plainSecretFiles(files).map((p) => `plain secret: ${p}`),
];
const took = (Number(process.hrtime.bigint() - start) / 1e9).toFixed(2);
if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\nvalidate: ${problems.length} problems in ${files.length} files (${took}s)\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`validate: ${files.length} files, ${dirs.length} kustomizations built, all documents valid (${took}s)\n`);
}
