// @ts-check
// The data outside the repository that tests, `check` and `verify` read: the upstream schemas and the
// packaged charts in `../shared` (or the schema cache / K8S_GITOPS_SCHEMAS_DIR). Turbo can only hash
// files inside the repository ("Globs outside of the repository aren't supported", turbo docs,
// reference/configuration#globaldependencies), so `pnpm test` hashes this data itself and hands the
// digest to turbo as an environment variable that the tasks declare in `env`: a deleted or changed
// schema or chart archive changes the task hashes, and the next run executes instead of replaying.
//
// Plain JavaScript on purpose: it runs before every `pnpm test`, and loading core through a
// TypeScript loader would cost more than a cached run. The schema locations mirror
// `schemaRootCandidates` in packages/core/src/schemas/root.ts; ci/shared-data.test.ts keeps them equal.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve } from "node:path";

/** The environment variable carrying the digest; declared in turbo.json `env` of every task that reads the data. */
export const sharedDigestEnv = "K8S_GITOPS_SHARED_DIGEST";

/**
 * Every folder a test may read shared data from, labelled, in a fixed order: the schema roots that
 * `resolveSchemaRoot` may pick (all of them, so whichever it picks is covered) and the chart archives.
 * @param {string} repoRoot
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {string} home
 * @returns {{ label: string; path: string }[]}
 */
export function sharedDataLocations(repoRoot, env = process.env, home = homedir()) {
  const locations = [];
  const fromEnv = env["K8S_GITOPS_SCHEMAS_DIR"];
  if (fromEnv) locations.push({ label: "schemas (K8S_GITOPS_SCHEMAS_DIR)", path: resolve(fromEnv) });
  locations.push({ label: "schemas (../shared)", path: resolve(repoRoot, "..", "shared", "schemas") });
  const cacheHome = env["XDG_CACHE_HOME"] || join(home, ".cache");
  locations.push({ label: "schemas (cache)", path: join(cacheHome, "k8s-gitops", "schemas") });
  locations.push({ label: "charts (../shared)", path: resolve(repoRoot, "..", "shared", "charts") });
  return locations;
}

/**
 * sha256 over each location's label, then every file below it (sorted relative path and content
 * hash), or `missing` when the folder does not exist: adding, changing, renaming or deleting any
 * file changes the digest.
 * @param {readonly { label: string; path: string }[]} locations
 * @returns {string}
 */
export function sharedDataDigest(locations) {
  const digest = createHash("sha256");
  for (const { label, path } of locations) {
    digest.update(`${label}\0${path}\0`);
    if (!existsSync(path) || !statSync(path).isDirectory()) {
      digest.update("missing\0");
      continue;
    }
    const files = readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) {
      const content = createHash("sha256").update(readFileSync(file)).digest("hex");
      digest.update(`${relative(path, file).split("\\").join("/")}\0${content}\0`);
    }
  }
  return digest.digest("hex").slice(0, 32);
}
