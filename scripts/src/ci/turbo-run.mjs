#!/usr/bin/env node
// @ts-check
// `pnpm test`: `turbo run <tasks>` with the digest of the shared data (schemas, chart archives) in
// the environment, so a change there is a cache miss (see shared-data.mjs). Every other argument
// goes to turbo unchanged.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sharedDataDigest, sharedDataLocations, sharedDigestEnv } from "./shared-data.mjs";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const env = { ...process.env, [sharedDigestEnv]: sharedDataDigest(sharedDataLocations(repoRoot)) };
const turbo = join(repoRoot, "node_modules", ".bin", process.platform === "win32" ? "turbo.cmd" : "turbo");
const result = spawnSync(turbo, ["run", ...process.argv.slice(2)], { cwd: repoRoot, env, stdio: "inherit" });
if (result.error) {
  process.stderr.write(`error: cannot run ${turbo}: ${result.error.message}\n`);
  process.exit(2);
}
process.exit(result.status ?? 1);
