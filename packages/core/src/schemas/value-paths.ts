const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Dotted paths of every leaf (scalar, array or empty map) of a values tree. */
export function leafPaths(values: unknown, prefix = ""): string[] {
  if (!isObject(values) || (Object.keys(values).length === 0 && prefix !== "")) return [prefix];
  return Object.entries(values).flatMap(([key, value]) => leafPaths(value, prefix === "" ? key : `${prefix}.${key}`));
}

/**
 * For charts that ship no values.schema.json: the leaves of `values` that the list of documented
 * paths does not cover (`a.b.c` exactly, or `a.b.*` for a whole subtree), i.e. likely typos.
 */
export function undocumentedPaths(values: unknown, documented: readonly string[]): string[] {
  const exact = new Set(documented.filter((p) => !p.endsWith(".*")));
  const subtrees = documented.filter((p) => p.endsWith(".*")).map((p) => p.slice(0, -2));
  return leafPaths(values).filter((path) => !exact.has(path) && !subtrees.some((root) => path === root || path.startsWith(`${root}.`)));
}
