/**
 * The tool version in the key of the kustomize build cache (`buildCacheKey` in
 * @k8s-gitops/core/kustomize). See docs/verify.md (caches).
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** `kubectl version --client` as JSON (it names the embedded kustomize's version too), for the cache key. */
export async function kubectlVersion(): Promise<string> {
  return (await run("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" })).stdout.trim();
}
