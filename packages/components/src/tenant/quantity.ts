/** Multipliers of the Kubernetes quantity suffixes this project accepts (no exponent notation). */
const suffixes: Readonly<Record<string, number>> = {
  "": 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

const pattern = /^([0-9]+(?:\.[0-9]+)?|\.[0-9]+)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$/;

/**
 * The value of a Kubernetes quantity (`500m`, `2`, `4Gi`) in base units, or undefined when it is
 * not one. Signs are not accepted: a negative or empty quota is always a mistake.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const match = pattern.exec(value);
  if (!match) return undefined;
  return Number(match[1]) * (suffixes[match[2] ?? ""] ?? Number.NaN);
}
