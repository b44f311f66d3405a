/**
 * What a `kustomize build` of a folder can read: the files below it and every file or folder its
 * kustomizations name, followed transitively. Two builds of the same folder whose inputs are equal
 * (same paths, same bytes) produce the same output with the same kustomize, which is what the
 * kustomize build cache (build-cache.ts, shared by verify and the tests) and the chart component contract's
 * "already built in generated/" rule rely on. See docs/verify.md (caches).
 */
import { posix } from "node:path";
import { parseAllDocuments } from "yaml";

/** A file of a tree: path relative to the tree root (forward slashes) and text. */
export interface TreeEntry {
  readonly path: string;
  readonly content: string;
}

const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** The documents of a YAML text that parse; the others are kustomize's to report. */
const parsedDocuments = (text: string): unknown[] =>
  parseAllDocuments(text)
    .filter((document) => document.errors.length === 0)
    .map((document) => document.toJS() as unknown);

/** The names kustomize loads as a folder's kustomization (kustomize api/konfig/general.go `RecognizedKustomizationFileNames`). */
const kustomizationNames = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

/** Entries kustomize loads from the network or a Git remote, which an offline check cannot follow. */
export const isRemote = (entry: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry) || entry.startsWith("git@");

function strings(value: unknown, into: string[]): string[] {
  if (typeof value === "string") into.push(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (isMapping(value)) for (const item of Object.values(value)) strings(item, into);
  return into;
}

interface TreeIndex {
  readonly byPath: ReadonlyMap<string, TreeEntry>;
  readonly folders: ReadonlySet<string>;
  /** Every file below each folder, at any depth. */
  readonly below: ReadonlyMap<string, TreeEntry[]>;
}

const indexes = new WeakMap<readonly TreeEntry[], TreeIndex>();

/** The tree's files by path and by folder, made once per file list (every folder's key reads it). */
function indexOf(files: readonly TreeEntry[]): TreeIndex {
  let index = indexes.get(files);
  if (index === undefined) {
    const below = new Map<string, TreeEntry[]>();
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
export function buildInputs(files: readonly TreeEntry[], dir: string): string[] | undefined {
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
      const texts = parsedDocuments(file.content).flatMap((doc) => strings(doc, []));
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

/** The files {@link buildInputs} names, sorted by path; `undefined` when the build reaches outside the tree. */
export function buildInputFiles(files: readonly TreeEntry[], dir: string): TreeEntry[] | undefined {
  const { byPath } = indexOf(files);
  return buildInputs(files, dir)?.map((path) => byPath.get(path)!);
}
