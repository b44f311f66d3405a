// The stamp check of `pnpm generate` (launch.mjs): a small bundle of its own, so a no-op run ends
// before the CLI bundle is loaded.
import { fastPath } from "k8s-gitops/fast";
import { workspaceArgv, workspaceConfig } from "./cli/workspace.js";

/** The line to print when the output is current for these arguments and this bundle hash, else undefined. */
export function workspaceFastPath(argv: readonly string[], bundleHash: string): string | undefined {
  const args = workspaceArgv(argv);
  return fastPath(args.includes("--config") ? args : [...args, "--config", workspaceConfig], process.cwd(), [bundleHash]);
}
