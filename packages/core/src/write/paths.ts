/** The manifest of owned files, committed to git next to the generated tree. */
export const MANIFEST_FILE = ".k8s-gitops-manifest.json";
/** Scratch space for staging and the journal; git-ignored, inside the output dir so renames stay atomic. */
export const WORK_DIR = ".k8s-gitops-work";
export const STAGING_DIR = `${WORK_DIR}/staging`;
export const JOURNAL_FILE = `${WORK_DIR}/journal.json`;
export const JOURNAL_TEMP_FILE = `${WORK_DIR}/journal.json.tmp`;
/** The exclusive lock of one output directory, held while a run reads or writes it (see lock.ts). */
export const LOCK_FILE = ".k8s-gitops.lock";

/**
 * Why `path` may not be used as an output-relative path, or `undefined` when it is safe. Every path
 * that reaches the filesystem (input, manifest, journal) goes through this check so that a bad
 * entry can never make the writer touch anything outside the output directory.
 */
export function unsafePathReason(path: string): string | undefined {
  if (path.length === 0) return "is empty";
  if (path.includes("\\")) return "contains a backslash (use forward slashes)";
  if (path.includes("\0")) return "contains a NUL character";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute";
  const segments = path.split("/");
  if (segments.includes("..")) return 'contains a ".." segment';
  if (segments.some((segment) => segment === "." || segment === "")) {
    return 'contains an empty or "." segment';
  }
  const top = segments[0] ?? "";
  if (path === MANIFEST_FILE || top === WORK_DIR || top === LOCK_FILE || top.startsWith(`${LOCK_FILE}.`)) {
    return "is reserved for the writer itself";
  }
  return undefined;
}

/** Parent directories of a relative path, deepest first: `a/b/c.yaml` -> `["a/b", "a"]`. */
export function parentDirs(path: string): string[] {
  const dirs: string[] = [];
  let index = path.lastIndexOf("/");
  while (index > 0) {
    const dir = path.slice(0, index);
    dirs.push(dir);
    index = dir.lastIndexOf("/");
  }
  return dirs;
}

/** Code-unit order: unlike `localeCompare` it does not depend on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedPaths(paths: Iterable<string>): string[] {
  return [...paths].sort(compareStrings);
}

/** Directories ordered so that every directory comes before its parent. */
export function deepestFirst(dirs: Iterable<string>): string[] {
  const depth = (dir: string): number => dir.split("/").length;
  return [...new Set(dirs)].sort((a, b) => depth(b) - depth(a) || compareStrings(a, b));
}
