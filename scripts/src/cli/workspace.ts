// What the two bundles of `pnpm generate` share: the command line as the CLI reads it and where
// this repository's estate config is.
import { fileURLToPath } from "node:url";

const commands = new Set(["generate", "check", "diff", "verify", "fetch", "init", "help", "--version"]);

/** `pnpm generate --check` means `k8s-gitops generate --check`: a missing command is generate. */
export function workspaceArgv(argv: readonly string[]): string[] {
  const args = argv.filter((arg) => arg !== "--");
  return commands.has(args[0] ?? "") ? args : ["generate", ...args];
}

/** packages/clusters/k8s-gitops.config.ts (import.meta.url is the source's own, also in a bundle). */
export const workspaceConfig = fileURLToPath(new URL("../../../packages/clusters/k8s-gitops.config.ts", import.meta.url));

/** The environment variable the launcher passes the CLI bundle's source hash in. */
export const bundleHashEnv = "K8S_GITOPS_BUNDLE_HASH";
