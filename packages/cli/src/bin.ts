#!/usr/bin/env node
// The `k8s-gitops` command. A no-op `generate`/`check` is answered from the stamp of the last run
// (fast.ts) before anything else loads. Otherwise: Node 22.1+ keeps the compiled modules on disk
// between runs (module.enableCompileCache), and a load hook records every module the CLI and the
// config load, so the stamp of this run covers exactly them.
import module from "node:module";
import { fileURLToPath } from "node:url";
import { fastPath } from "./fast.js";

const argv = process.argv.slice(2);
const answer = argv.includes("--force") ? undefined : fastPath(argv, process.cwd());
if (answer !== undefined) {
  process.stdout.write(`${answer}\n`);
} else {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  const loaded: string[] = [];
  type LoadHook = (url: string, context: unknown, next: (url: string, context: unknown) => unknown) => unknown;
  const hooks = module as { registerHooks?: (hooks: { load: LoadHook }) => unknown };
  const recorded =
    hooks.registerHooks?.({
      load(url, context, next) {
        if (url.startsWith("file:")) loaded.push(fileURLToPath(url));
        return next(url, context);
      },
    }) !== undefined;
  const { main } = await import("./main.js");
  process.exitCode = await main(argv, recorded ? { stamp: { loaded: () => loaded, extra: [] } } : {});
}
