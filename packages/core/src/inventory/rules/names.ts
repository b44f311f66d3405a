import { showValue } from "../../errors/index.js";
import { duplicates, perCluster, type Rule } from "./rule.js";

/** Public names are published in the provider's zone; a domain outside it cannot be managed there. */
export const externalDomainInZone: Rule = perCluster(({ cluster, external }) => {
  const domain = cluster.domains.external;
  const zone = external.dnsProvider.zone;
  if (domain === zone || domain.endsWith(`.${zone}`)) return [];
  return [
    {
      path: ["cluster", "domains", "external"],
      message: `${showValue(domain)} is not inside the DNS zone ${showValue(zone)} (expected ${zone} or a subdomain of it)`,
      related: ["external", "dnsProvider", "zone"],
    },
  ];
});

/** Pool and export names become resource names, which must be unique. */
export const uniqueResourceNames: Rule = (clusters) =>
  clusters.flatMap(({ source, inventory }) => [
    ...duplicates(
      inventory.network.loadBalancer.pools.map((pool, i) => ({
        ref: { source, path: ["network", "loadBalancer", "pools", i, "name"] },
        key: pool.name,
        value: pool.name,
      })),
      "the name of another pool",
    ),
    ...duplicates(
      (inventory.external.nfs?.exports ?? []).map((nfsExport, i) => ({
        ref: { source, path: ["external", "nfs", "exports", i, "name"] },
        key: nfsExport.name,
        value: nfsExport.name,
      })),
      "the name of another export",
    ),
  ]);
