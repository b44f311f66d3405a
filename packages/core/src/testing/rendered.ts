import { parseAllDocuments } from "yaml";
import type { GeneratedFile } from "../files/index.js";

/** Every YAML document of the rendered files, as plain JSON (for assertions in tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function renderedDocuments(files: readonly Pick<GeneratedFile, "path" | "content">[]): any[] {
  return files.filter((f) => f.path.endsWith(".yaml")).flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS()));
}

/** The rendered documents of one kind. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function documentsOfKind(files: readonly Pick<GeneratedFile, "path" | "content">[], kind: string): any[] {
  return renderedDocuments(files).filter((d) => d?.kind === kind);
}

/**
 * `spec.values` of the rendered HelmRelease `name`, or of the only HelmRelease when no name is
 * given; throws when it is missing or ambiguous, so a test never asserts on the wrong release.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function helmReleaseValues(files: readonly Pick<GeneratedFile, "path" | "content">[], name?: string): Record<string, any> {
  const releases = documentsOfKind(files, "HelmRelease").filter((r) => name === undefined || r.metadata?.name === name);
  if (releases.length !== 1) {
    throw new Error(`expected one HelmRelease${name ? ` named ${name}` : ""}, rendered ${releases.length}`);
  }
  return releases[0].spec.values ?? {};
}
