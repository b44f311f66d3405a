import { showValue } from "../../errors/index.js";
import { perCluster, type ClusterFinding, type Rule } from "./rule.js";

/**
 * With `internalRecords: provider` external-dns publishes the internal Gateway's names in the
 * provider's zone too (its `--domain-filter` is the zone); a domain outside the zone would be
 * skipped by external-dns and never resolve.
 */
export const internalDomainInZone: Rule = perCluster(({ cluster, external }) => {
  const domain = cluster.domains.internal;
  const zone = external.dnsProvider.zone;
  if (external.dnsProvider.internalRecords !== "provider" || domain === zone || domain.endsWith(`.${zone}`)) return [];
  return [
    {
      path: ["cluster", "domains", "internal"],
      message: `${showValue(domain)} is not inside the DNS zone ${showValue(zone)}, where external.dnsProvider.internalRecords "provider" publishes the internal names (expected a subdomain of ${zone})`,
      related: ["external", "dnsProvider", "zone"],
    },
  ];
});

/**
 * The off-cluster copy lands on an export of the inventory's NFS server, which must exist and be
 * writable (a read-only export would make every copy fail at mount time).
 */
export const offsiteBackupOnWritableExport: Rule = perCluster(({ external }): ClusterFinding[] => {
  const target = external.offsiteBackup;
  if (target === undefined) return [];
  const path = ["external", "offsiteBackup", "nfsExport"];
  const exports = external.nfs?.exports ?? [];
  const index = exports.findIndex((e) => e.name === target.nfsExport);
  if (index < 0) {
    const names = exports.map((e) => showValue(e.name)).join(", ");
    return [{ path, message: `${showValue(target.nfsExport)} is not an export of external.nfs (expected one of: ${names || "none; declare external.nfs first"})` }];
  }
  if (exports[index]?.readOnly) {
    return [{ path, message: `${showValue(target.nfsExport)} is a read-only export (expected a writable one)`, related: ["external", "nfs", "exports", index, "readOnly"] }];
  }
  return [];
});
