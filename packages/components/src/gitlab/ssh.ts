import { UserError, showValue, type Inventory } from "@k8s-gitops/core";
import { isReservedPool, poolLabel, poolOf, requestedIPsAnnotation } from "../cilium/load-balancer.js";

/** What the gitlab-shell Service needs to come up as a LoadBalancer on the inventory's pools. */
export interface SshService {
  readonly annotations: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
}

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * The annotations and labels of the gitlab-shell LoadBalancer Service. Without an address, Cilium
 * LB-IPAM hands out any free address of an unreserved pool. With one, the address must lie in a
 * pool and must not be one of the inventory's well-known addresses (those belong to the Gateways
 * and the ClusterMesh API server); a reserved pool additionally needs its label.
 */
export function sshService(inventory: Inventory, address: string | undefined): SshService {
  if (address === undefined) return { annotations: {}, labels: {} };
  const where = `gitlab: cluster ${showValue(inventory.cluster.name)}: ssh.address ${showValue(address)}`;
  if (!ipv4.test(address)) throw new UserError(`${where} is not an IPv4 address`);
  const taken = Object.entries(inventory.network.loadBalancer.fixed).find(([, ip]) => ip === address);
  if (taken) throw new UserError(`${where} is already network.loadBalancer.fixed.${taken[0]} in the inventory`);
  let pool: ReturnType<typeof poolOf>;
  try {
    pool = poolOf(inventory, address);
  } catch {
    const pools = inventory.network.loadBalancer.pools.map((p) => `${p.name} ${p.cidr}`).join(", ");
    throw new UserError(`${where} lies in no network.loadBalancer.pools entry (${pools})`);
  }
  return {
    annotations: { [requestedIPsAnnotation]: address },
    labels: isReservedPool(inventory, pool) ? { [poolLabel]: pool.name } : {},
  };
}
