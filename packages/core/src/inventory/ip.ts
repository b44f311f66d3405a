import ipaddr from "ipaddr.js";

// All address math goes through ipaddr.js; this module only adapts it to the string forms the
// inventory uses ("10.25.11.10", "10.25.11.0/24", "10.25.11.11/24").

const { IPv4 } = ipaddr;
type IPv4 = ipaddr.IPv4;
type Cidr = [IPv4, number];

/** True for a dotted-quad IPv4 address such as `10.25.11.10` (no leading zeros, octets 0-255). */
export function isIPv4(text: string): boolean {
  return IPv4.isValidFourPartDecimal(text);
}

/** True for `address/prefix` with a dotted-quad address and a prefix 0-32 (canonical or not). */
export function isIPv4WithPrefix(text: string): boolean {
  return IPv4.isValidCIDRFourPartDecimal(text);
}

function parseCidr(cidr: string): Cidr {
  return IPv4.parseCIDR(cidr);
}

/** The prefix length of `address/prefix`. */
export function prefixLength(cidr: string): number {
  return parseCidr(cidr)[1];
}

/** The address part of `address/prefix`, e.g. `10.25.11.11` for `10.25.11.11/24`. */
export function hostPart(cidr: string): string {
  return parseCidr(cidr)[0].toString();
}

/** The canonical form of the network that contains `address/prefix`, e.g. `10.25.11.0/24`. */
export function canonicalCidr(cidr: string): string {
  return `${IPv4.networkAddressFromCIDR(cidr).toString()}/${prefixLength(cidr)}`;
}

/** The network address of a CIDR, e.g. `10.25.11.0` for `10.25.11.0/24`. */
export function networkAddress(cidr: string): string {
  return IPv4.networkAddressFromCIDR(cidr).toString();
}

/** The broadcast address of a CIDR, e.g. `10.25.11.255` for `10.25.11.0/24`. */
export function broadcastAddress(cidr: string): string {
  return IPv4.broadcastAddressFromCIDR(cidr).toString();
}

/**
 * The address that follows the network address, e.g. `10.43.0.1` for `10.43.0.0/16`; undefined
 * for /31 and /32, which have no network address of their own.
 */
export function firstHostAddress(cidr: string): string | undefined {
  if (prefixLength(cidr) > 30) return undefined;
  const bytes = IPv4.networkAddressFromCIDR(cidr).toByteArray();
  // Adding one to the last octet never carries: the network address of a prefix up to /30 has its
  // last two bits clear.
  return ipaddr.fromByteArray(bytes.map((b, i) => (i === 3 ? b + 1 : b))).toString();
}

/** True when the address (no prefix) lies inside the CIDR. */
export function cidrContains(cidr: string, address: string): boolean {
  return IPv4.parse(address).match(parseCidr(cidr));
}

/** True when every address of `inner` lies inside `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const [innerNetwork, innerPrefix] = parseCidr(canonicalCidr(inner));
  return innerPrefix >= prefixLength(outer) && innerNetwork.match(parseCidr(outer));
}

/** True when the two CIDRs share at least one address (CIDR blocks either nest or are disjoint). */
export function cidrsOverlap(a: string, b: string): boolean {
  return cidrWithin(a, b) || cidrWithin(b, a);
}
