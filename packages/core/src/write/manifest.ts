import { showValue, UserError } from "../errors/index.js";
import { compareStrings, unsafePathReason } from "./paths.js";

export const MANIFEST_GENERATOR = "k8s-gitops";
export const MANIFEST_VERSION = 1;

/** Owned files: output-relative path -> scope that produced it. */
export type OwnedFiles = ReadonlyMap<string, string>;

/**
 * Renders the manifest deterministically (sorted keys, 2-space indent, trailing newline). Built by
 * hand rather than via `JSON.stringify` of an object because object key order puts integer-like
 * keys first, which would break the sort for a path such as `"10"`.
 */
export function serializeManifest(files: OwnedFiles): string {
  const entries = [...files].sort(([a], [b]) => compareStrings(a, b));
  const body =
    entries.length === 0
      ? "{}"
      : `{\n${entries.map(([path, scope]) => `    ${JSON.stringify(path)}: ${JSON.stringify(scope)}`).join(",\n")}\n  }`;
  return `{\n  "generator": ${JSON.stringify(MANIFEST_GENERATOR)},\n  "version": ${MANIFEST_VERSION},\n  "files": ${body}\n}\n`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates a manifest. Paths are checked as strictly as generator input because the
 * writer deletes stale owned files: a tampered entry such as `../x` must never be acted upon.
 */
export function parseManifest(text: string, file: string): OwnedFiles {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: not valid JSON (${(error as Error).message}); fix or delete the manifest`);
  }
  const problems: string[] = [];
  if (!isRecord(data)) {
    throw new UserError(`${file}: expected a JSON object, got ${showValue(data)}`);
  }
  if (data.generator !== MANIFEST_GENERATOR) {
    problems.push(`generator: expected ${showValue(MANIFEST_GENERATOR)}, got ${showValue(data.generator)}`);
  }
  if (data.version !== MANIFEST_VERSION) {
    problems.push(`version: expected ${MANIFEST_VERSION}, got ${showValue(data.version)}`);
  }
  const files = new Map<string, string>();
  if (!isRecord(data.files)) {
    problems.push(`files: expected an object mapping paths to scopes, got ${showValue(data.files)}`);
  } else {
    for (const [path, scope] of Object.entries(data.files)) {
      const reason = unsafePathReason(path);
      if (reason !== undefined) problems.push(`files[${showValue(path)}]: path ${reason}`);
      else if (typeof scope !== "string" || scope.length === 0) {
        problems.push(`files[${showValue(path)}]: expected a scope string, got ${showValue(scope)}`);
      } else files.set(path, scope);
    }
  }
  if (problems.length > 0) throw new UserError(`${file}: invalid manifest of generated files`, problems);
  return files;
}
