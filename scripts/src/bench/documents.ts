import type { GeneratedFile } from "@k8s-gitops/core";

/**
 * How many documents a generated file holds: YAML documents for .yaml/.yml files, one for JSON,
 * none for anything else (README, templates). Counted from the `---` markers at column 0 (inside
 * a block scalar they are indented) instead of parsing, so it stays cheap for a fleet of 20k files.
 */
export function countDocuments(file: Pick<GeneratedFile, "path" | "content">): number {
  if (file.path.endsWith(".json")) return 1;
  if (!/\.ya?ml$/.test(file.path)) return 0;
  let markers = 0;
  let contentBeforeFirstMarker = false;
  for (const line of file.content.split("\n")) {
    if (line === "---" || line.startsWith("--- ")) markers++;
    else if (markers === 0 && line.trim() !== "" && !line.startsWith("#") && !line.startsWith("%")) contentBeforeFirstMarker = true;
  }
  return markers + (contentBeforeFirstMarker ? 1 : 0);
}

/** Files and documents of a generated tree. */
export function treeSize(files: readonly Pick<GeneratedFile, "path" | "content">[]): { files: number; documents: number; bytes: number } {
  return {
    files: files.length,
    documents: files.reduce((sum, file) => sum + countDocuments(file), 0),
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
  };
}
