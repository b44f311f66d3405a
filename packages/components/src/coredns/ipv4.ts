/** Minimal IPv4 arithmetic for invariants components assert; the inventory validator has the full set. */

const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function ipv4ToNumber(address: string): number | undefined {
  const match = octets.exec(address);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  if (parts.some((part) => part > 255)) return undefined;
  return parts.reduce((acc, part) => acc * 256 + part, 0);
}

/** Whether `address` lies inside `cidr` (both IPv4); false for anything malformed. */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const [network = "", prefixText = ""] = cidr.split("/");
  const prefix = Number(prefixText);
  const base = ipv4ToNumber(network);
  const ip = ipv4ToNumber(address);
  if (base === undefined || ip === undefined || !/^\d{1,2}$/.test(prefixText) || prefix > 32) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(ip / size) === Math.floor(base / size);
}
