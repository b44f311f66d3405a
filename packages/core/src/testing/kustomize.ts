import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { cacheDir, readCache, writeCache } from "../cache/index.js";
import { buildCacheKey, buildInputFiles, kubectlVersion, parseBuildOutput, type TreeEntry } from "../kustomize/index.js";

/** Writes files into a fresh temp dir (for tests that run real tools on rendered output). */
export function materialize(files: readonly TreeEntry[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-"));
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `kubectl kustomize <dir>`; throws with kustomize's message when the build fails. */
export function kustomizeBuild(dir: string): string {
  return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

let kubectlClientVersion: string | null | undefined;

/**
 * {@link kubectlVersion}, asked once per process (every chart component's test file asks whether
 * kubectl is there: 30 runs of it in components' worker cost 3 s); null when kubectl is not installed.
 */
export function kubectlVersionOnce(): string | null {
  if (kubectlClientVersion === undefined) {
    try {
      kubectlClientVersion = kubectlVersion();
    } catch {
      kubectlClientVersion = null;
    }
  }
  return kubectlClientVersion;
}

export const hasKubectl = (): boolean => kubectlVersionOnce() !== null;

/** Options of {@link kustomizeFailuresOf}. */
export interface KustomizeCheckOptions {
  /**
   * A committed tree whose every `kubernetes/` kustomization `pnpm verify` builds with the same
   * kubectl (turbo task scripts#verify, in `pnpm test`): pass {@link estateOutputDir}. A folder of
   * the render whose build inputs (`buildInputs`: the files below it and every file or folder its
   * kustomizations name, transitively) are there too, the same paths with the same bytes and no
   * other, builds to the same output, so it is not built again.
   */
  readonly coveredBy?: string;
  /** The kustomize build cache (default `cacheDir("kustomize")`, verify's); null: build every folder. */
  readonly cacheDir?: string | null;
}

const committedTrees = new Map<string, TreeEntry[]>();

/** The files of a committed tree, read once per process (tests of a worker share it). */
function committedTree(root: string): TreeEntry[] {
  let tree = committedTrees.get(root);
  if (tree === undefined) {
    const kubernetes = join(root, "kubernetes");
    tree = existsSync(kubernetes)
      ? readdirSync(kubernetes, { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => {
            const path = join(entry.parentPath, entry.name);
            return { path: relative(root, path).split("\\").join("/"), content: readFileSync(path, "utf8") };
          })
      : [];
    committedTrees.set(root, tree);
  }
  return tree;
}

const sameInputs = (a: readonly TreeEntry[] | undefined, b: readonly TreeEntry[] | undefined): boolean =>
  a !== undefined && b !== undefined && a.length === b.length && a.every((entry, index) => entry.path === b[index]?.path && entry.content === b[index]?.content);

/**
 * The folders of a render holding a kustomization.yaml that {@link kustomizeFailuresOf} builds:
 * all of them, less those `coveredBy` builds from the same inputs.
 */
export function foldersToBuild(files: readonly TreeEntry[], options: KustomizeCheckOptions = {}): string[] {
  const folders = files.filter((file) => file.path.endsWith("kustomization.yaml")).map((file) => file.path.slice(0, -"/kustomization.yaml".length));
  if (options.coveredBy === undefined) return folders;
  const committed = committedTree(options.coveredBy);
  return folders.filter((folder) => !(folder.startsWith("kubernetes/") && sameInputs(buildInputFiles(files, folder), buildInputFiles(committed, folder))));
}

/**
 * Materializes the files and runs `kubectl kustomize` on every folder holding a kustomization.yaml
 * (less those `options.coveredBy` builds already). Returns `dir: first line of the error` per
 * failure (empty = all build).
 *
 * A successful build is stored in the kustomize build cache `k8s-gitops verify` keeps
 * (`cacheDir("kustomize")`, the same key and value: `buildCacheKey` over kubectl's version and
 * every file the build can read, the parsed documents), and a folder whose key is stored is not
 * built again: the same inputs and the same kubectl give the same build. Failures are never
 * stored. `options.cacheDir: null` turns the cache off.
 */
export function kustomizeFailuresOf(files: readonly TreeEntry[], options: KustomizeCheckOptions = {}): string[] {
  const store = options.cacheDir === null ? undefined : (options.cacheDir ?? cacheDir("kustomize"));
  const version = kubectlVersionOnce() ?? "";
  const keyed = foldersToBuild(files, options).map((folder) => ({ folder, key: store === undefined ? undefined : buildCacheKey(files, folder, version) }));
  const folders = keyed.filter(({ key }) => key === undefined || readCache(store, key) === undefined);
  if (folders.length === 0) return [];
  const { dir, cleanup } = materialize(files);
  try {
    return folders.flatMap(({ folder, key }) => {
      try {
        const output = kustomizeBuild(join(dir, folder));
        if (key !== undefined) writeCache(store, key, JSON.stringify(parseBuildOutput(output)));
        return [];
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr ?? String(error);
        return [`${folder}: ${stderr.trim().split("\n")[0]}`];
      }
    });
  } finally {
    cleanup();
  }
}

/** Tests that need kubectl run whenever it is installed, and always in CI (where its absence is a failure). */
export const kubectlRequired = (): boolean => hasKubectl() || Boolean(process.env.CI);
