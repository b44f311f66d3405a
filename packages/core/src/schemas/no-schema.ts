/**
 * Kinds that may appear in the generated tree without a JSON schema to validate them against.
 * Every other document without a schema fails `pnpm verify`. Each entry needs a reason (why no
 * schema exists upstream and what checks the kind instead); entries that match no document are
 * reported, so the list cannot outlive its reasons.
 */
export interface AllowListEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly reason: string;
}

/**
 * Empty today: every kind the tree renders has a schema in the schema root (Kubernetes strict
 * files, the CRDs catalog, the Flux CRDs, or `_definitions.json` for the few built-ins without
 * a standalone file). Add an entry only when upstream publishes no schema for a kind.
 */
export const noSchemaAllowList: readonly AllowListEntry[] = [];
