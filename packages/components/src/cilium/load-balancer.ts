import { CiliumLoadBalancerIPPool } from "@kubernetes-models/cilium/cilium.io/v2/CiliumLoadBalancerIPPool";
import { UserError, showValue, type FixedLoadBalancerIPs, type Inventory, type LoadBalancerPool } from "@k8s-gitops/core";

/**
 * Label that admits a Service to a reserved pool. Cilium LB-IPAM has no pool priority: a pool
 * without a selector hands its addresses to any LoadBalancer Service, so the well-known addresses
 * could go to whichever Service asks first. Reserved pools therefore select on this label.
 */
export const poolLabel = "lbipam.k8s-gitops.io/pool";

/** Annotation with which a Service asks Cilium LB-IPAM for specific addresses. */
export const requestedIPsAnnotation = "lbipam.cilium.io/ips";

export type FixedAddress = keyof FixedLoadBalancerIPs;

function ipToNumber(ip: string): number {
  return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function poolContains(pool: LoadBalancerPool, ip: string): boolean {
  const [network = "", length = "32"] = pool.cidr.split("/");
  const size = 2 ** (32 - Number(length));
  const start = ipToNumber(network);
  return ipToNumber(ip) >= start - (start % size) && ipToNumber(ip) < start - (start % size) + size;
}

/** The pool holding a fixed address; the inventory guarantees there is one. */
export function poolOf(inventory: Inventory, ip: string): LoadBalancerPool {
  const pool = inventory.network.loadBalancer.pools.find((p) => poolContains(p, ip));
  if (!pool) {
    throw new UserError(
      `inventory of cluster ${showValue(inventory.cluster.name)}: network.loadBalancer.fixed address ${showValue(ip)} lies in no network.loadBalancer.pools entry`,
    );
  }
  return pool;
}

function holdsFixedAddress(inventory: Inventory, pool: LoadBalancerPool): boolean {
  return Object.values(inventory.network.loadBalancer.fixed).some((ip) => poolContains(pool, ip));
}

/**
 * Pools that contain a well-known address hand out addresses only on request, as long as another
 * pool remains for every other Service; if each pool holds a fixed address, none is reserved
 * (ordinary Services would otherwise stay Pending).
 */
export function isReservedPool(inventory: Inventory, pool: LoadBalancerPool): boolean {
  const { pools } = inventory.network.loadBalancer;
  return holdsFixedAddress(inventory, pool) && pools.some((other) => !holdsFixedAddress(inventory, other));
}

/**
 * What a Service (or a Gateway's `spec.infrastructure`) carries to get one of the inventory's
 * well-known addresses: the request annotation and the label of the reserved pool.
 */
export function fixedAddress(inventory: Inventory, key: FixedAddress): { address: string; annotations: Record<string, string>; labels: Record<string, string> } {
  const address = inventory.network.loadBalancer.fixed[key];
  return {
    address,
    annotations: { [requestedIPsAnnotation]: address },
    labels: { [poolLabel]: poolOf(inventory, address).name },
  };
}

/** One CiliumLoadBalancerIPPool per inventory pool; reserved pools only serve labelled Services. */
export function loadBalancerPools(inventory: Inventory): CiliumLoadBalancerIPPool[] {
  return inventory.network.loadBalancer.pools.map(
    (pool) =>
      new CiliumLoadBalancerIPPool({
        metadata: { name: pool.name },
        spec: {
          // The pools are carved from one routed subnet: keep its network and broadcast-looking
          // ends out of client-facing use.
          allowFirstLastIPs: "No",
          blocks: [{ cidr: pool.cidr }],
          ...(isReservedPool(inventory, pool) ? { serviceSelector: { matchLabels: { [poolLabel]: pool.name } } } : {}),
        },
      }),
  );
}
