/**
 * Keys and values of the content-addressed cache of `kubectl kustomize` builds (core/cache): the
 * key covers every file a build can read, so a folder whose key is stored needs no kubectl run.
 * `k8s-gitops verify` and the tests' kustomize checks share it; see docs/verify.md (caches).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { parseAllDocuments } from "yaml";
import { buildInputFiles, type TreeEntry } from "./build-inputs.js";

/** Bumped whenever what the cache stores or how the key is made changes. */
const keyVersion = "kustomize-build v1";

/**
 * sha256 over the tool's version (`kubectl version --client -o json`, which names the embedded
 * kustomize), the folder, and the relative path and content of every input; undefined when the
 * build reads something outside the tree (a remote resource, a path above the root).
 */
export function buildCacheKey(files: readonly TreeEntry[], dir: string, toolVersion: string): string | undefined {
  const inputs = buildInputFiles(files, dir);
  if (inputs === undefined) return undefined;
  const hash = createHash("sha256").update(`${keyVersion}\u0000${toolVersion}\u0000${dir}\u0000`);
  for (const { path, content } of inputs) {
    hash.update(`${path}\u0000${Buffer.byteLength(content)}\u0000`).update(content).update("\u0000");
  }
  return hash.digest("hex");
}

/**
 * The tool version {@link buildCacheKey} takes: `kubectl version --client -o json`, which names the
 * embedded kustomize too. Throws when kubectl cannot be run.
 */
export function kubectlVersion(): string {
  return execFileSync("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
}

/** The documents of a build's output, as the cache stores them (JSON of this array). */
export function parseBuildOutput(output: string): unknown[] {
  return parseAllDocuments(output)
    .map((document) => document.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined);
}
