import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { GeneratedFile } from "@k8s-gitops/core";
import { parseAllDocuments } from "yaml";

/** A file of the verified tree: path relative to the tree root (forward slashes) and text. */
export type TreeFile = Pick<GeneratedFile, "path" | "content">;

/** The writer's scratch folder; never part of the repository. */
const scratchDir = ".k8s-gitops-work";

/** Every file below `root`, sorted by path, skipping the writer's scratch folder. */
export function readTree(root: string): TreeFile[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.split(/[\\/]/).includes(scratchDir))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(root, path).split("\\").join("/"), content: readFileSync(path, "utf8") };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Folders holding a kustomization.yaml below `kubernetes/`, sorted. */
export function kustomizationDirs(files: readonly Pick<TreeFile, "path">[]): string[] {
  return files
    .filter((f) => f.path.startsWith("kubernetes/") && f.path.endsWith("/kustomization.yaml"))
    .map((f) => f.path.slice(0, -"/kustomization.yaml".length))
    .sort();
}

export const isYamlPath = (path: string): boolean => /\.ya?ml$/.test(path);

/** The non-empty documents of a YAML text; documents that fail to parse are skipped (kustomize reports them). */
export function yamlDocuments(text: string): unknown[] {
  return parseAllDocuments(text)
    .filter((document) => document.errors.length === 0)
    .map((document) => document.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined);
}
