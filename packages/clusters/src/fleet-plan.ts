/**
 * The address plan of the synthetic benchmark fleet: cluster `id` (its ClusterMesh id, 1..255)
 * gets ranges of its own, chosen so that no range of any fleet cluster overlaps a range of
 * another, as ClusterMesh requires.
 */
export interface FleetAddressPlan {
  /** 192.168.<id>.0/24 */
  readonly nodeSubnet: string;
  /** 172.16.<id>.0/24 */
  readonly loadBalancerSubnet: string;
  /** 10.<id>.0.0/16 */
  readonly podCIDR: string;
  /** the id-th /21 of 172.24.0.0/13 */
  readonly serviceCIDR: string;
  /** 64600 + id; the router keeps 64600 */
  readonly localASN: number;
}

/** ClusterMesh ids are 1..255, so a fleet has at most this many clusters. */
export const maxFleetSize = 255;

const toInt = (address: string): number => address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
const toAddress = (n: number): string => [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");

interface Range {
  readonly start: number;
  readonly size: number;
}

function range(cidr: string): Range {
  const [address = "", prefix = ""] = cidr.split("/");
  return { start: toInt(address), size: 2 ** (32 - Number(prefix)) };
}

/** The plan of the cluster with ClusterMesh id `id`. */
export function fleetAddressPlan(id: number): FleetAddressPlan {
  if (!Number.isInteger(id) || id < 1 || id > maxFleetSize) throw new RangeError(`fleet cluster id ${id} is outside 1..${maxFleetSize}`);
  return {
    nodeSubnet: `192.168.${id}.0/24`,
    loadBalancerSubnet: `172.16.${id}.0/24`,
    podCIDR: `10.${id}.0.0/16`,
    serviceCIDR: `${toAddress(toInt("172.24.0.0") + id * 2 ** 11)}/21`,
    localASN: 64600 + id,
  };
}

/** A move of every address inside `from` to the same offset inside `to`. */
export interface Relocation {
  readonly from: string;
  readonly to: string;
}

/**
 * Moves an address (`a.b.c.d`, `a.b.c.d/len` or a CIDR) from the first relocation whose `from`
 * range holds it to the same offset in its `to` range, keeping any prefix length; addresses in
 * no `from` range (public resolvers) stay as they are.
 * @throws RangeError when the offset does not fit the target range (a bug in the plan).
 */
export function relocate(written: string, relocations: readonly Relocation[]): string {
  const [address = "", prefix] = written.split("/");
  const n = toInt(address);
  for (const { from, to } of relocations) {
    const source = range(from);
    if (n < source.start || n >= source.start + source.size) continue;
    const target = range(to);
    const offset = n - source.start;
    if (offset >= target.size) throw new RangeError(`${written} does not fit into ${to} at offset ${offset}`);
    const moved = toAddress(target.start + offset);
    return prefix === undefined ? moved : `${moved}/${prefix}`;
  }
  return written;
}
