import { posix } from "node:path";
import { at, kindOf, nameOf } from "./objects.js";
import { isYamlPath, type TreeFile, yamlDocuments } from "./tree.js";

/**
 * Finds the source file of an object from a kustomize build, so problems name the file to fix
 * rather than the folder that was built. Objects are matched by kind and name among the files
 * the build reads (its `resources` and `components`, followed into other folders).
 */
export class OriginIndex {
  private readonly byKindAndName = new Map<string, string[]>();
  private readonly entriesByDir = new Map<string, string[]>();
  private readonly paths: ReadonlySet<string>;
  private readonly inputs = new Map<string, ReadonlySet<string>>();

  constructor(files: readonly TreeFile[]) {
    this.paths = new Set(files.map((f) => f.path));
    for (const file of files) {
      if (!file.path.startsWith("kubernetes/") || !isYamlPath(file.path)) continue;
      if (posix.basename(file.path) === "kustomization.yaml") {
        const doc = yamlDocuments(file.content)[0];
        const entries = ["resources", "components"].flatMap((key) => {
          const list = at(doc, key);
          return Array.isArray(list) ? list.filter((entry): entry is string => typeof entry === "string") : [];
        });
        this.entriesByDir.set(posix.dirname(file.path), entries);
        continue;
      }
      for (const doc of yamlDocuments(file.content)) {
        const key = `${kindOf(doc)}\u0000${nameOf(doc)}`;
        const list = this.byKindAndName.get(key) ?? [];
        if (!list.includes(file.path)) list.push(file.path);
        this.byKindAndName.set(key, list);
      }
    }
  }

  /** The files that define `doc` as seen in the builds of `dirs`; `dirs[0]` when none is found. */
  filesOf(doc: unknown, dirs: readonly string[]): string[] {
    const candidates = this.byKindAndName.get(`${kindOf(doc)}\u0000${nameOf(doc)}`) ?? [];
    const read = candidates.filter((file) => dirs.some((dir) => this.inputsOf(dir).has(file)));
    if (read.length > 0) return read;
    if (candidates.length === 1) return candidates;
    return dirs.length > 0 ? [dirs[0]!] : candidates.slice(0, 1);
  }

  /** The first of {@link filesOf}. */
  fileOf(doc: unknown, dirs: readonly string[]): string {
    return this.filesOf(doc, dirs)[0] ?? dirs[0] ?? "";
  }

  /** Every file the build of `dir` reads through resources and components. */
  private inputsOf(dir: string, visiting: ReadonlySet<string> = new Set()): ReadonlySet<string> {
    const cached = this.inputs.get(dir);
    if (cached !== undefined) return cached;
    const found = new Set<string>();
    for (const entry of this.entriesByDir.get(dir) ?? []) {
      const target = posix.normalize(posix.join(dir, entry));
      if (this.paths.has(target)) found.add(target);
      else if (this.entriesByDir.has(target) && !visiting.has(target)) {
        for (const file of this.inputsOf(target, new Set([...visiting, dir]))) found.add(file);
      }
    }
    this.inputs.set(dir, found);
    return found;
  }
}
