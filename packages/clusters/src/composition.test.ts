import { checkComposition } from "@k8s-gitops/core/composition";
import { describe, expect, it } from "vitest";
import { buildClusters } from "./estate.js";
import { loadInventories } from "./inventory.js";

const clusters = buildClusters(await loadInventories());
const cluster = (name: string) => clusters.find((c) => c.name === name)!;
const without = (name: string, component: string) => {
  const built = cluster(name);
  return { ...built, components: built.components.filter((c) => c.name !== component) };
};

describe("the estate's composition", () => {
  it("GIVEN the estate THEN each cluster has exactly one DNS provider, coredns, and every StorageClass it names exists", () => {
    for (const built of clusters) {
      expect(built.components.filter((c) => c.provides?.includes("cluster-dns")).map((c) => c.name)).toEqual(["coredns"]);
      expect(() => checkComposition(built)).not.toThrow();
    }
  });

  it("GIVEN infra without the openebs component WHEN checked THEN the shared Postgres on openebs-hostpath is refused, naming its field and the classes left", () => {
    expect(() => checkComposition(without("infra", "openebs"))).toThrow(
      [
        `cluster "infra" is composed of components that do not fit together (1 problem):`,
        `  - cluster "infra", component "postgres-shared", stage "cluster", Cluster postgres-shared: spec.storage.storageClass names StorageClass "openebs-hostpath", which no component of the cluster provides and the inventory does not list in external.storageClasses (the cluster has "ceph-block" (component "rook-ceph-cluster"), "ceph-bucket" (component "rook-ceph-cluster"), "ceph-filesystem" (component "rook-ceph-cluster"), "nfs" (component "csi-driver-nfs"), "nfs-backups" (component "csi-driver-nfs"), "nfs-media" (component "csi-driver-nfs"))`,
      ].join("\n"),
    );
  });

  it("GIVEN apps without the coredns component WHEN checked THEN the cluster is refused with both fixes named", () => {
    expect(() => checkComposition(without("apps", "coredns"))).toThrow(
      `cluster "apps": no component provides cluster DNS and Talos' own CoreDNS is disabled, so nothing answers at network.clusterDNS "10.45.0.10", the nameserver of every pod. Add the coredns component (coredns(context) from @k8s-gitops/components/coredns) or keep Talos' CoreDNS (return { components, keepTalosCoreDns: true } from the defineCluster builder)`,
    );
  });
});
