import { clusterScope, type GeneratedFile, type Inventory } from "@k8s-gitops/core";
import { helmReleaseValues } from "@k8s-gitops/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderClusters } from "./estate.js";
import { buildFleet, fleetAddressPlan, fleetInventories, maxFleetSize } from "./fleet.js";
import { loadInventories } from "./inventory.js";

// Range arithmetic of the test's own, so disjointness is not checked by the code under test.
const toInt = (address: string): number => address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
function span(cidr: string): [number, number] {
  const [address = "", prefix = ""] = cidr.split("/");
  const start = toInt(address);
  return [start, start + 2 ** (32 - Number(prefix)) - 1];
}
const overlap = (a: string, b: string): boolean => {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 <= b1 && b0 <= a1;
};
const ranges = (inv: Inventory): string[] => [
  inv.network.nodeSubnet,
  inv.network.podCIDR,
  inv.network.serviceCIDR,
  inv.network.loadBalancer.subnet,
];

/** Cluster-scoped files per cluster name. */
function filesPerCluster(files: readonly GeneratedFile[], names: readonly string[]): Map<string, number> {
  return new Map(names.map((name) => [name, files.filter((f) => f.scope === clusterScope(name)).length]));
}

describe("fleetInventories", () => {
  it("GIVEN n = 7 WHEN deriving the fleet THEN it passes the inventory parser and names, ids, ASNs, hosts and ranges are all distinct", () => {
    const fleet = fleetInventories(7);
    expect(fleet.map((i) => i.cluster.name)).toEqual(["infra-001", "apps-001", "infra-002", "apps-002", "infra-003", "apps-003", "infra-004"]);
    const unique = (values: readonly unknown[]) => new Set(values).size === values.length;
    expect(unique(fleet.map((i) => i.cluster.id))).toBe(true);
    expect(unique(fleet.map((i) => i.network.bgp.localASN))).toBe(true);
    expect(unique(fleet.map((i) => i.cluster.endpoint.vip))).toBe(true);
    expect(unique(fleet.flatMap((i) => i.nodes.map((n) => n.hostname)))).toBe(true);
    expect(unique(fleet.flatMap((i) => i.nodes.flatMap((n) => n.network.interfaces.flatMap((f) => f.addresses))))).toBe(true);
    for (const [a, inv] of fleet.entries()) {
      for (const other of fleet.slice(a + 1)) {
        for (const r of ranges(inv)) for (const o of ranges(other)) expect(overlap(r, o), `${inv.cluster.name} ${r} / ${other.cluster.name} ${o}`).toBe(false);
      }
    }
  });

  it("GIVEN the real inventories WHEN deriving a fleet THEN each fleet cluster keeps its template's shape (same nodes, pools and fixed addresses at the same offsets)", async () => {
    const [infra, apps] = await loadInventories();
    const [fleetInfra, fleetApps] = fleetInventories(2);
    for (const [template, derived] of [[infra!, fleetInfra!], [apps!, fleetApps!]] as const) {
      expect(derived.nodes.length).toBe(template.nodes.length);
      expect(derived.nodes.map((n) => n.role)).toEqual(template.nodes.map((n) => n.role));
      const offset = (address: string, cidr: string) => toInt(address.split("/")[0]!) - span(cidr)[0];
      expect(offset(derived.cluster.endpoint.vip, derived.network.nodeSubnet)).toBe(offset(template.cluster.endpoint.vip, template.network.nodeSubnet));
      const lb = (inv: Inventory) => Object.values(inv.network.loadBalancer.fixed).map((a) => offset(a, inv.network.loadBalancer.subnet));
      expect(lb(derived)).toEqual(lb(template));
      expect(derived.network.loadBalancer.pools.map((p) => p.name)).toEqual(template.network.loadBalancer.pools.map((p) => p.name));
    }
  });

  it("GIVEN sizes outside 1..255 THEN they are refused (ClusterMesh ids end at 255)", () => {
    expect(() => fleetInventories(0)).toThrow(RangeError);
    expect(() => fleetInventories(maxFleetSize + 1)).toThrow(RangeError);
  });

  it("GIVEN any two fleet ids THEN their address plans share no range and no ASN", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: maxFleetSize }), fc.integer({ min: 1, max: maxFleetSize }), (a, b) => {
        fc.pre(a !== b);
        const pa = fleetAddressPlan(a);
        const pb = fleetAddressPlan(b);
        const list = (p: typeof pa) => [p.nodeSubnet, p.loadBalancerSubnet, p.podCIDR, p.serviceCIDR];
        for (const r of list(pa)) for (const o of list(pb)) expect(overlap(r, o)).toBe(false);
        expect(pa.localASN).not.toBe(pb.localASN);
      }),
    );
  });
});

describe("buildFleet", () => {
  it("GIVEN N = 1 WHEN building and rendering THEN one infra-type cluster renders, meshed with nobody", () => {
    const clusters = buildFleet(fleetInventories(1));
    expect(clusters.map((c) => c.name)).toEqual(["infra-001"]);
    const { files } = renderClusters(clusters);
    const mine = files.filter((f) => f.scope === clusterScope("infra-001"));
    expect(mine.length).toBeGreaterThan(100);
    const cilium = helmReleaseValues(mine.filter((f) => f.path.includes("/cilium/")), "cilium");
    expect(cilium["clustermesh"]?.config?.clusters ?? []).toEqual([]);
  });

  it("GIVEN N = 4 WHEN building and rendering THEN each cluster is meshed with its partner only and the paths are unique", () => {
    const clusters = buildFleet(fleetInventories(4));
    expect(clusters.map((c) => c.name)).toEqual(["infra-001", "apps-001", "infra-002", "apps-002"]);
    const { files } = renderClusters(clusters);
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    const partner: Record<string, string> = { "infra-001": "apps-001", "apps-001": "infra-001", "infra-002": "apps-002", "apps-002": "infra-002" };
    for (const [name, peer] of Object.entries(partner)) {
      const mine = files.filter((f) => f.scope === clusterScope(name) && f.path.includes("/cilium/"));
      const values = helmReleaseValues(mine, "cilium");
      expect(values["clustermesh"].config.clusters.map((c: { name: string }) => c.name)).toEqual([peer]);
    }
  });

  it("GIVEN fleets of 1 to 4 clusters THEN each cluster renders as many files as the same kind of cluster in a 1- or 2-cluster fleet, so output grows linearly with N", () => {
    const pair = filesPerCluster(renderClusters(buildFleet(fleetInventories(2))).files, ["infra-001", "apps-001"]);
    // An infra-type cluster without a partner provisions no databases, buckets or clients for one.
    const alone = filesPerCluster(renderClusters(buildFleet(fleetInventories(1))).files, ["infra-001"]).get("infra-001")!;
    expect(pair.get("apps-001")).toBeGreaterThan(0);
    expect(alone).toBeLessThan(pair.get("infra-001")!);
    let previous = 0;
    for (const n of [1, 2, 3, 4]) {
      const clusters = buildFleet(fleetInventories(n));
      const { files } = renderClusters(clusters);
      for (const [index, [name, count]] of [...filesPerCluster(files, clusters.map((c) => c.name))].entries()) {
        const partnerless = index === n - 1 && n % 2 === 1;
        expect(count, name).toBe(partnerless ? alone : pair.get(name.startsWith("infra-") ? "infra-001" : "apps-001"));
      }
      expect(files.length).toBeGreaterThan(previous);
      previous = files.length;
    }
  });
});
