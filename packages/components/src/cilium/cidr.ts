import { UserError, showValue } from "@k8s-gitops/core";

// Plain 32-bit arithmetic on IPv4 prefixes; the inventory has already validated every CIDR.

function parse(cidr: string): { network: number; length: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const octets = match?.slice(1, 5).map(Number) ?? [];
  const length = Number(match?.[5]);
  if (!match || octets.some((o) => o > 255) || length > 32) throw new UserError(`${showValue(cidr)} is not an IPv4 CIDR`);
  const address = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  return { network: address - (address % 2 ** (32 - length)), length };
}

function format(network: number, length: number): string {
  const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${octets.join(".")}/${length}`;
}

/**
 * The smallest single prefix that contains every given CIDR, e.g. `10.40.0.0/13` for
 * `10.42.0.0/16` and `10.44.0.0/16`.
 */
export function coveringCidr(cidrs: readonly string[]): string {
  if (cidrs.length === 0) throw new UserError("coveringCidr needs at least one CIDR");
  const parsed = cidrs.map(parse);
  for (let length = Math.min(...parsed.map((p) => p.length)); length >= 0; length--) {
    const block = 2 ** (32 - length);
    const networks = new Set(parsed.map((p) => p.network - (p.network % block)));
    if (networks.size === 1) return format([...networks][0]!, length);
  }
  /* c8 ignore next */
  throw new Error("unreachable: /0 contains every address");
}
