// `pnpm generate` in this repository: the k8s-gitops CLI (packages/cli, from source) with this
// repository's estate config (packages/clusters/k8s-gitops.config.ts) bundled in, so an edit of
// any package takes effect without a build (scripts/src/cli/launch.mjs rebuilds the bundle when
// any input changed). Other commands run the same way: `pnpm generate check`, `pnpm verify`.
import estate from "@k8s-gitops/clusters/k8s-gitops.config";
import { main } from "k8s-gitops/main";
import { bundleHashEnv, workspaceArgv, workspaceConfig } from "./cli/workspace.js";

// The launcher's hash of every source of this bundle (and the lockfiles) stands for the module
// files a stamp must cover; without it no stamp is written.
const bundleHash = process.env[bundleHashEnv];
process.exitCode = await main(workspaceArgv(process.argv.slice(2)), {
  preloaded: { configPath: workspaceConfig, exported: estate },
  ...(bundleHash ? { stamp: { loaded: () => [], extra: [bundleHash] } } : {}),
});
