import { showValue } from "../../errors/index.js";
import type { FieldPath, FieldRef, Finding } from "../finding.js";
import { cidrContains, cidrsOverlap, cidrWithin, hostPart } from "../ip.js";
import { nodeLinks } from "../node-network.js";
import type { Inventory } from "../types.js";
import { perCluster, type ClusterFinding, type Rule } from "./rule.js";

interface NamedRange {
  readonly ref: FieldRef;
  readonly cidr: string;
  readonly label: string;
}

function clusterRanges(source: number, { network }: Inventory): NamedRange[] {
  const range = (path: FieldPath, cidr: string, label: string): NamedRange => ({ ref: { source, path }, cidr, label });
  return [
    range(["network", "nodeSubnet"], network.nodeSubnet, "node subnet"),
    range(["network", "podCIDR"], network.podCIDR, "pod CIDR"),
    range(["network", "serviceCIDR"], network.serviceCIDR, "service CIDR"),
    range(["network", "loadBalancer", "subnet"], network.loadBalancer.subnet, "LoadBalancer subnet"),
  ];
}

function overlapFinding(range: NamedRange, other: NamedRange, suffix = ""): Finding {
  return {
    ...range.ref,
    message: `${showValue(range.cidr)} overlaps the ${other.label} ${other.cidr}${suffix}`,
    related: other.ref,
  };
}

/** Node, pod, service and LoadBalancer ranges of one cluster must be disjoint. */
export const disjointClusterRanges: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }) => {
    const ranges = clusterRanges(source, inventory);
    return ranges.flatMap((range, i) =>
      ranges.slice(0, i).flatMap((other) => (cidrsOverlap(range.cidr, other.cidr) ? [overlapFinding(range, other)] : [])),
    );
  });

/**
 * ClusterMesh routes pods and services between clusters, so no range of one cluster may overlap a
 * range of another. The node subnet is the exception: clusters may share the same LAN.
 */
export const disjointAcrossClusters: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }, c) => {
    const ranges = clusterRanges(source, inventory);
    return clusters.slice(0, c).flatMap((earlier) =>
      clusterRanges(earlier.source, earlier.inventory).flatMap((other) =>
        ranges.flatMap((range) => {
          const sharedLan = range.label === "node subnet" && other.label === "node subnet" && range.cidr === other.cidr;
          if (sharedLan || !cidrsOverlap(range.cidr, other.cidr)) return [];
          return [overlapFinding(range, other, ` of cluster ${showValue(earlier.inventory.cluster.name)}`)];
        }),
      ),
    );
  });

/** Pools lie inside the LoadBalancer subnet (only that subnet is routed to the cluster) and are disjoint. */
export const poolsInLoadBalancerSubnet: Rule = perCluster(({ network }) => {
  const { subnet, pools } = network.loadBalancer;
  return pools.flatMap((pool, i): ClusterFinding[] => {
    const path = ["network", "loadBalancer", "pools", i, "cidr"];
    if (!cidrWithin(pool.cidr, subnet)) {
      return [{ path, message: `${showValue(pool.cidr)} is outside the LoadBalancer subnet ${subnet}` }];
    }
    const j = pools.slice(0, i).findIndex((other) => cidrsOverlap(pool.cidr, other.cidr));
    const other = pools[j];
    if (other === undefined) return [];
    return [
      {
        path,
        message: `${showValue(pool.cidr)} overlaps the LoadBalancer pool ${showValue(other.name)} ${other.cidr}`,
        related: ["network", "loadBalancer", "pools", j, "cidr"],
      },
    ];
  });
});

/** VLAN addresses belong to other networks; inside a cluster range they would break routing. */
export const vlanAddressesOutsideRanges: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }) => {
    const ranges = clusterRanges(source, inventory);
    return inventory.nodes.flatMap((node, n) =>
      nodeLinks(node)
        .filter((link) => link.vlan !== undefined)
        .flatMap((link) =>
          link.addresses.flatMap((written, a): Finding[] => {
            const range = ranges.find((r) => cidrContains(r.cidr, hostPart(written)));
            if (range === undefined) return [];
            return [
              {
                source,
                path: ["nodes", n, ...link.path, "addresses", a],
                message: `${showValue(written)} lies in the ${range.label} ${range.cidr} (expected an address of the VLAN's own network)`,
                related: range.ref,
              },
            ];
          }),
        ),
    );
  });
