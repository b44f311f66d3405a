/**
 * Renovate's two ways of naming files: `/regex/` strings and minimatch-style globs (`**` any
 * depth, `*` within one segment). Only what renovate.json uses is supported; anything else throws,
 * so a pattern this checker misreads cannot pass silently.
 */

/** A glob as an anchored RegExp over a repository-relative path with forward slashes. */
export function globToRegExp(glob: string): RegExp {
  if (/[[\]{}!]/.test(glob)) throw new Error(`unsupported glob syntax in ${JSON.stringify(glob)}`);
  let source = "";
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i]!;
    if (glob.startsWith("**/", i)) {
      source += "(?:.*/)?";
      i += 2;
    } else if (glob.startsWith("**", i)) {
      source += ".*";
      i += 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^$()|\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`);
}

/** A `managerFilePatterns` entry: `/regex/` is a regular expression, anything else a glob. */
export function filePatternToRegExp(pattern: string): RegExp {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  return regex ? new RegExp(regex[1]!, regex[2]) : globToRegExp(pattern);
}

/** True when any of the patterns matches the path. */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => filePatternToRegExp(pattern).test(path));
}
