import { valuesOutsideChartSchema } from "@k8s-gitops/components/cilium";

export { type AllowListEntry, noSchemaAllowList } from "@k8s-gitops/core/schemas";

/** Where each list lives, for the messages about missing and unused entries. */
export const allowListFile = "packages/core/src/schemas/no-schema.ts";
export const valuesAllowListFile = "packages/cli/src/verify/allow-list.ts";

/** A Helm value the chart reads but its values.schema.json does not declare. */
export interface ValuesAllowListEntry {
  /** Chart folder in the schema root (`helm/<chart>/`). */
  readonly chart: string;
  /** JSON pointer into the values, e.g. `/loadBalancer/mode`. */
  readonly pointer: string;
  readonly reason: string;
}

/**
 * Helm values are checked with unknown keys rejected (a typo would otherwise pass), so keys a
 * chart documents but leaves out of its schema are listed here. The cilium component owns its
 * list (and its test proves each key is really missing from the schema).
 */
export const valuesOutsideSchemaAllowList: readonly ValuesAllowListEntry[] = valuesOutsideChartSchema.map((pointer) => ({
  chart: "cilium",
  pointer,
  reason: "documented in the chart but commented out in its values.yaml, so its generated values.schema.json lacks it",
}));
