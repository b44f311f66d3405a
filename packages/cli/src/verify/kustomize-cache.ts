/**
 * A content-addressed cache of `kubectl kustomize` builds: the key covers every file the build can
 * read, so an unchanged folder needs no kubectl run. See docs/verify.md (caches).
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { posix } from "node:path";
import { promisify } from "node:util";
import { isObject } from "./objects.js";
import type { TreeFile } from "./tree.js";
import { yamlDocuments } from "./tree.js";

const run = promisify(execFile);

/** Bumped whenever what the cache stores or how the key is made changes. */
const keyVersion = "kustomize-build v1";

/** The names kustomize loads as a folder's kustomization (kustomize api/konfig/general.go `RecognizedKustomizationFileNames`). */
const kustomizationNames = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

/** `kubectl version --client` as JSON (it names the embedded kustomize's version too), for the cache key. */
export async function kubectlVersion(): Promise<string> {
  return (await run("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" })).stdout.trim();
}

/** Entries kustomize loads from the network or a Git remote, which an offline check cannot follow. */
export const isRemote = (entry: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.startsWith("git@");

function strings(value: unknown, into: string[]): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (isObject(value)) for (const item of Object.values(value)) strings(item, into);
  return into;
}

interface TreeIndex {
  readonly byPath: ReadonlyMap<string, TreeFile>;
  readonly folders: ReadonlySet<string>;
  /** Every file below each folder, at any depth. */
  readonly below: ReadonlyMap<string, TreeFile[]>;
}

const indexes = new WeakMap<readonly TreeFile[], TreeIndex>();

/** The tree's files by path and by folder, made once per file list (every folder's key reads it). */
function indexOf(files: readonly TreeFile[]): TreeIndex {
  let index = indexes.get(files);
  if (index === undefined) {
    const below = new Map<string, TreeFile[]>();
    for (const file of files) {
      const parts = file.path.split("/");
      for (let depth = 1; depth < parts.length; depth++) {
        const folder = parts.slice(0, depth).join("/");
        const list = below.get(folder);
        if (list === undefined) below.set(folder, [file]);
        else list.push(file);
      }
    }
    index = { byPath: new Map(files.map((file) => [file.path, file])), folders: new Set(below.keys()), below };
    indexes.set(files, index);
  }
  return index;
}

/**
 * Every file (relative path) the build of `dir` can read, sorted: everything below the folder, and
 * for every kustomization among them, every string of it that names a file or folder of the tree
 * (`resources`, `components`, `bases`, patch and generator files, but any other field too: when
 * in doubt more, never less), folders taken whole and followed the same way. `undefined` when a
 * kustomization reaches a remote or a path outside the tree, which the tree's content cannot pin.
 */
export function buildInputs(files: readonly TreeFile[], dir: string): string[] | undefined {
  const { byPath, folders, below } = indexOf(files);
  const inputs = new Set<string>();
  const visited = new Set<string>();
  const queue = [dir];
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    if (visited.has(folder)) continue;
    visited.add(folder);
    for (const file of below.get(folder) ?? []) {
      inputs.add(file.path);
      if (!kustomizationNames.has(posix.basename(file.path))) continue;
      // Generator sources may be `key=path` (kustomize api/kv/kv.go `parseFileSource`): the path too.
      const texts = yamlDocuments(file.content).flatMap((doc) => strings(doc, []));
      for (const entry of texts.flatMap((text) => (text.includes("=") ? [text, text.slice(text.indexOf("=") + 1)] : [text]))) {
        if (entry.includes("\n") || entry === "") continue;
        if (isRemote(entry)) return undefined;
        const target = posix.normalize(posix.join(posix.dirname(file.path), entry));
        if (target === ".." || target.startsWith("../") || posix.isAbsolute(entry)) {
          // Only a path-like entry can be read; a label value or a name never escapes the tree.
          if (entry.includes("/")) return undefined;
          continue;
        }
        if (byPath.has(target)) inputs.add(target);
        else if (folders.has(target)) queue.push(target);
      }
    }
  }
  return [...inputs].sort();
}

/** sha256 over the tool's version, the folder, and the relative path and content of every input. */
export function buildCacheKey(files: readonly TreeFile[], dir: string, toolVersion: string): string | undefined {
  const inputs = buildInputs(files, dir);
  if (inputs === undefined) return undefined;
  const { byPath } = indexOf(files);
  const hash = createHash("sha256").update(`${keyVersion}\u0000${toolVersion}\u0000${dir}\u0000`);
  for (const path of inputs) {
    const content = byPath.get(path)!.content;
    hash.update(`${path}\u0000${Buffer.byteLength(content)}\u0000`).update(content).update("\u0000");
  }
  return hash.digest("hex");
}
