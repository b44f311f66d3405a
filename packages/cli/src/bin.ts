#!/usr/bin/env node
// The `k8s-gitops` command. Node 22.1+ keeps the compiled modules on disk between runs
// (module.enableCompileCache), which halves the start-up of every later run; it must be switched on
// before the CLI's modules load, hence the dynamic import.
import module from "node:module";

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import("./main.js");
process.exitCode = await main(process.argv.slice(2));
