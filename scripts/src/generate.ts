// `pnpm generate` in this repository: the k8s-gitops CLI (packages/cli, from source) with this
// repository's estate config (packages/clusters/k8s-gitops.config.ts) bundled in, so an edit of
// any package takes effect without a build (scripts/src/cli/launch.mjs rebuilds the bundle when
// any input changed). Other commands (check, verify, diff, fetch) run the same way:
// `pnpm generate -- --check`, `pnpm k8s-gitops verify`.
import { fileURLToPath } from "node:url";
import estate from "@k8s-gitops/clusters/k8s-gitops.config";
import { main } from "k8s-gitops/main";

const commands = new Set(["generate", "check", "diff", "verify", "fetch", "init", "help", "--help", "-h", "--version"]);
const argv = process.argv.slice(2).filter((arg) => arg !== "--");
const configPath = fileURLToPath(new URL("../../packages/clusters/k8s-gitops.config.ts", import.meta.url));
process.exitCode = await main(commands.has(argv[0] ?? "") ? argv : ["generate", ...argv], { preloaded: { configPath, exported: estate } });
