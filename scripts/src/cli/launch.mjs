#!/usr/bin/env node
// @ts-check
// `pnpm generate`: runs the CLI from a single-file bundle, because loading hundreds of ES modules
// through a TypeScript loader costs more than the generation itself. The bundle is rebuilt first
// whenever any of its inputs changed, so this runs exactly what `tsx scripts/src/generate.ts` would.
// A no-op generate or check ends after the stamp check (scripts/src/fast.ts, its own small bundle):
// the bundle's input hash stands for every source, the stamp for the config folder and the output.
import module from "node:module";
import { pathToFileURL } from "node:url";
import { ensureBundle } from "./bundle.mjs";

// Node 22.1+ keeps the compiled bundle on disk between runs; older versions lack the API.
/** @type {{ enableCompileCache?: () => unknown }} */ (module).enableCompileCache?.();

const argv = process.argv.slice(2);
// Where the bundles live (default scripts/dist); a test points it at its own folder so it neither
// rebuilds nor races the shared bundle that `scripts#check` builds at the same time.
const outDir = process.env["K8S_GITOPS_BUNDLE_DIR"] || undefined;
// Usage needs no stamp: the fast path is skipped for --help as for --force and --debug.
const skipFast = ["--force", "--debug", "--help", "-h"].some((flag) => argv.includes(flag));
let bundle;
let fast;
try {
  bundle = await ensureBundle({ outDir });
  fast = skipFast ? undefined : await ensureBundle({ name: "fast", outDir });
} catch (error) {
  // esbuild reports syntax errors with file:line:col, which is all the user needs.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: cannot bundle the generator: ${message}\n`);
  process.exit(2);
}
if (fast !== undefined) {
  const { workspaceFastPath } = await import(pathToFileURL(fast.path).href);
  const answer = workspaceFastPath(argv, bundle.hash);
  if (answer !== undefined) {
    process.stdout.write(`${answer}\n`);
    process.exit(0);
  }
}
if (argv.includes("--debug")) {
  process.setSourceMapsEnabled(true);
  if (bundle.rebuilt) process.stderr.write(`debug: rebuilt ${bundle.path} in ${(bundle.ms / 1000).toFixed(2)}s\n`);
}
process.env["K8S_GITOPS_BUNDLE_HASH"] = bundle.hash;
await import(pathToFileURL(bundle.path).href);
