import { posix } from "node:path";
import { showValue } from "@k8s-gitops/core/errors";
import { readCache, writeCache } from "@k8s-gitops/core/cache";
import { buildCacheKey, isRemote, parseBuildOutput } from "@k8s-gitops/core/kustomize";
import { parseAllDocuments } from "yaml";
import { goToolEnvironment, runCommand } from "./command-runner.js";
import { isObject, textAt } from "./objects.js";
import { type Problem, problem } from "./problems.js";
import type { TreeFile } from "./tree.js";

/** The output of `kubectl kustomize` for one folder: its documents, or why it failed. */
export interface BuildResult {
  readonly dir: string;
  readonly documents: readonly unknown[];
  readonly error?: string;
  /** True when the documents came from the build cache. */
  readonly cached?: boolean;
}

/** What kustomize-controller runs, so a folder that fails here fails in Flux too. */
export type BuildFunction = (absoluteDir: string) => Promise<string>;

export const kubectlKustomize: BuildFunction = async (absoluteDir) => (await runCommand("kubectl", ["kustomize", absoluteDir], { maxBuffer: 256 * 1024 * 1024, env: goToolEnvironment() })).stdout;

/**
 * kubectl wraps kustomize's error in klog noise (`E1124 ... run.go:72] "command failed" err="..."`,
 * or `err=<` followed by indented lines); keep kustomize's own message, on one line, with the
 * absolute tree root removed so messages are the same on every machine.
 */
export function kustomizeErrorMessage(stderr: string, root: string): string {
  const text = stderr.trim();
  const klog = /^[EWIF]\d{4} [\d:.]+\s+\d+ [^\]]+\] "command failed" err=([\s\S]*)$/.exec(text);
  let message = text.split("\n")[0] ?? "";
  if (klog !== null) {
    const err = klog[1]!.trim();
    if (err.startsWith('"')) {
      try {
        message = JSON.parse(err.split("\n")[0]!) as string;
      } catch {
        message = err;
      }
    } else if (err.startsWith("<")) {
      message = err
        .slice(1)
        .replace(/>\s*$/, "")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "")
        .join(" ");
    }
  }
  message = message.replace(/^Error: /, "");
  return message.split(`${root.replace(/\/$/, "")}/`).join("");
}

/** Where and how to cache builds: the tree's files (every input of a build) and the build tool's version. */
export interface BuildCache {
  readonly dir: string;
  readonly files: readonly TreeFile[];
  readonly toolVersion: string;
}

/**
 * Builds every folder (relative to `root`), `concurrency` at a time (the CI machine has two cores),
 * and parses each output. Results are in the order of `dirs`. With a `cache`, a successful build is
 * stored (as its parsed documents) under {@link buildCacheKey}, and a folder whose key is stored
 * needs no build; failures are never cached.
 */
export async function buildDirs(
  root: string,
  dirs: readonly string[],
  options: { readonly concurrency?: number; readonly build?: BuildFunction; readonly onResult?: (result: BuildResult) => void; readonly cache?: BuildCache } = {},
): Promise<BuildResult[]> {
  const build = options.build ?? kubectlKustomize;
  const results: BuildResult[] = new Array(dirs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < dirs.length) {
      const index = next++;
      const dir = dirs[index]!;
      const key = options.cache === undefined ? undefined : buildCacheKey(options.cache.files, dir, options.cache.toolVersion);
      const hit = key === undefined ? undefined : readCache(options.cache?.dir, key);
      try {
        if (hit !== undefined) {
          results[index] = { dir, documents: JSON.parse(hit) as unknown[], cached: true };
        } else {
          const documents = parseBuildOutput(await build(posix.join(root.split("\\").join("/"), dir)));
          if (key !== undefined) writeCache(options.cache?.dir, key, JSON.stringify(documents));
          results[index] = { dir, documents };
        }
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr || (error as Error).message || String(error);
        results[index] = { dir, documents: [], error: kustomizeErrorMessage(stderr, root) };
      }
      options.onResult?.(results[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, worker));
  return results;
}

/**
 * Local entries of every kustomization.yaml (`resources`, `components`, `patches[].path`) that do
 * not exist: kustomize would fail on them, but its message is long and names an absolute path.
 * A folder entry must hold a kustomization.yaml.
 */
export function missingEntries(files: readonly TreeFile[]): Problem[] {
  const paths = new Set(files.map((f) => f.path));
  const folders = new Set(files.flatMap((f) => ancestors(f.path)));
  const problems: Problem[] = [];
  for (const file of files.filter((f) => f.path.startsWith("kubernetes/") && f.path.endsWith("/kustomization.yaml"))) {
    const dir = posix.dirname(file.path);
    const doc = parseAllDocuments(file.content).find((d) => d.errors.length === 0 && isObject(d.toJS()))?.toJS() as unknown;
    const entries: [string, unknown][] = [
      ...listAt(doc, "resources").map((entry, index): [string, unknown] => [`resources[${index}]`, entry]),
      ...listAt(doc, "components").map((entry, index): [string, unknown] => [`components[${index}]`, entry]),
      ...listAt(doc, "patches").map((entry, index): [string, unknown] => [`patches[${index}].path`, textAt(entry, "path")]),
    ];
    for (const [field, entry] of entries) {
      if (typeof entry !== "string" || isRemote(entry)) continue;
      const target = posix.normalize(posix.join(dir, entry));
      if (paths.has(target)) continue;
      if (folders.has(target) && paths.has(`${target}/kustomization.yaml`)) continue;
      const why = folders.has(target) ? "is a folder without a kustomization.yaml" : "does not exist";
      problems.push(problem("kustomize", file.path, `${field} ${showValue(entry)} ${why}`));
    }
  }
  return problems;
}

const listAt = (doc: unknown, key: string): unknown[] => {
  const value = isObject(doc) ? doc[key] : undefined;
  return Array.isArray(value) ? value : [];
};

function ancestors(path: string): string[] {
  const parts = path.split("/");
  return parts.slice(0, -1).map((_, index) => parts.slice(0, index + 1).join("/"));
}
