/**
 * A content-addressed cache of `kubectl kustomize` builds: the key covers every file the build can
 * read, so an unchanged folder needs no kubectl run. See docs/verify.md (caches).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { buildInputFiles } from "@k8s-gitops/core/kustomize";
import type { TreeFile } from "./tree.js";

const run = promisify(execFile);

/** Bumped whenever what the cache stores or how the key is made changes. */
const keyVersion = "kustomize-build v1";

/** `kubectl version --client` as JSON (it names the embedded kustomize's version too), for the cache key. */
export async function kubectlVersion(): Promise<string> {
  return (await run("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" })).stdout.trim();
}

/** sha256 over the tool's version, the folder, and the relative path and content of every input. */
export function buildCacheKey(files: readonly TreeFile[], dir: string, toolVersion: string): string | undefined {
  const inputs = buildInputFiles(files, dir);
  if (inputs === undefined) return undefined;
  const hash = createHash("sha256").update(`${keyVersion}\u0000${toolVersion}\u0000${dir}\u0000`);
  for (const { path, content } of inputs) {
    hash.update(`${path}\u0000${Buffer.byteLength(content)}\u0000`).update(content).update("\u0000");
  }
  return hash.digest("hex");
}
