import type { GeneratedFile } from "../files/index.js";
import { showValue, UserError } from "../errors/index.js";
import { parentDirs, unsafePathReason } from "./paths.js";

function scopeProblem(scope: unknown): string | undefined {
  return typeof scope === "string" && scope.trim() === scope && scope.length > 0
    ? undefined
    : `expected a non-empty scope without surrounding whitespace, got ${showValue(scope)}`;
}

/**
 * Rejects input the writer must not act on: unsafe or duplicate paths, a path that is both a file
 * and a directory of another path, and malformed scopes. Runs before anything touches the disk.
 */
export function validateWriteInput(
  files: readonly GeneratedFile[],
  scopes: readonly string[] | undefined,
): void {
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  files.forEach((file, index) => {
    const reason = typeof file.path === "string" ? unsafePathReason(file.path) : "is not a string";
    if (reason !== undefined) {
      problems.push(`files[${index}].path: ${showValue(file.path)} ${reason}`);
      return;
    }
    const earlier = firstIndex.get(file.path);
    if (earlier !== undefined) {
      problems.push(`files[${index}].path: ${showValue(file.path)} is produced twice (also files[${earlier}])`);
    } else firstIndex.set(file.path, index);
    const scope = scopeProblem(file.scope);
    if (scope !== undefined) problems.push(`files[${index}].scope (${file.path}): ${scope}`);
    if (typeof file.content !== "string") {
      problems.push(`files[${index}].content (${file.path}): expected a string, got ${showValue(file.content)}`);
    }
  });
  for (const [path, index] of firstIndex) {
    const asDir = parentDirs(path).find((dir) => firstIndex.has(dir));
    if (asDir !== undefined) {
      problems.push(
        `files[${index}].path: ${showValue(path)} needs ${showValue(asDir)} to be a directory, ` +
          `but files[${firstIndex.get(asDir)}] produces it as a file`,
      );
    }
  }
  scopes?.forEach((scope, index) => {
    const problem = scopeProblem(scope);
    if (problem !== undefined) problems.push(`scopes[${index}]: ${problem}`);
  });
  if (problems.length > 0) throw new UserError("Invalid generated file set", problems);
}
