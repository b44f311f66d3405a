/**
 * `pnpm verify [DIR]`: proves a generated tree (default generated/) is accepted by the real
 * tools: kubectl kustomize, kubeconform-strict schemas, Helm values schemas, Talos schemas, the
 * Flux dependency graph, namespaces and secrets. See docs/verify.md.
 */
import { resolve } from "node:path";
import { isUserError } from "@k8s-gitops/core/errors";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { formatReport } from "./verify/report.js";
import { verifyTree } from "./verify/verify-tree.js";

const args = process.argv.slice(2).filter((arg) => arg !== "--");
if (args.includes("--help") || args.includes("-h") || args.length > 1) {
  process.stdout.write("Usage: pnpm verify [DIR]\n\nVerifies the generated tree in DIR (default: generated/). See docs/verify.md.\n");
  process.exitCode = args.length > 1 ? 2 : 0;
} else {
  const root = resolve(args[0] ?? defaultOutDir());
  const start = process.hrtime.bigint();
  try {
    const report = await verifyTree(root);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const output = formatReport(report, seconds);
    if (report.problems.length > 0) {
      process.stderr.write(`${output}\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`${output}\n`);
    }
  } catch (error) {
    process.stderr.write(`verify: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = isUserError(error) ? 2 : 1;
  }
}
