import { describe, expect, it } from "vitest";
import { parseInventories } from "../parse.js";
import { appsPath, at, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "../__fixtures__/support.js";

const infraPods = at(infraPath, validInfra, "10.42.0.0/16");

describe("disjoint ranges", () => {
  it("GIVEN both clusters on the same node subnet WHEN parsing THEN the shared LAN is allowed", () => {
    const [infra, apps] = parseInventories(sources());

    expect(infra?.network.nodeSubnet).toBe(apps?.network.nodeSubnet);
  });

  it("GIVEN a service CIDR overlapping the pod CIDR WHEN parsing THEN the later range overlaps the earlier", () => {
    let infra = replaceOnce(validInfra, "serviceCIDR: 10.43.0.0/16", "serviceCIDR: 10.42.128.0/17");
    infra = replaceOnce(infra, "clusterDNS: 10.43.0.10", "clusterDNS: 10.42.128.10");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.42.128.0/17")}: network.serviceCIDR: "10.42.128.0/17" overlaps the pod CIDR 10.42.0.0/16 (see network.podCIDR at ${infraPods})`,
    ]);
  });

  it("GIVEN a LoadBalancer subnet around the node subnet WHEN parsing THEN it overlaps within and across clusters", () => {
    const infra = replaceOnce(validInfra, "subnet: 10.25.12.0/24", "subnet: 10.25.0.0/16");
    const infraLb = at(infraPath, infra, "10.25.0.0/16");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${infraLb}: network.loadBalancer.subnet: "10.25.0.0/16" overlaps the node subnet 10.25.11.0/24 (see network.nodeSubnet at ${at(infraPath, infra, "10.25.11.0/24")})`,
      `${at(appsPath, validApps, "10.25.11.0/24")}: network.nodeSubnet: "10.25.11.0/24" overlaps the LoadBalancer subnet 10.25.0.0/16 of cluster "infra" (see network.loadBalancer.subnet at ${infraLb})`,
      `${at(appsPath, validApps, "10.25.13.0/24")}: network.loadBalancer.subnet: "10.25.13.0/24" overlaps the LoadBalancer subnet 10.25.0.0/16 of cluster "infra" (see network.loadBalancer.subnet at ${infraLb})`,
    ]);
  });

  it("GIVEN the same pod CIDR in both clusters WHEN parsing THEN ClusterMesh forbids it", () => {
    const apps = replaceOnce(validApps, "podCIDR: 10.44.0.0/16", "podCIDR: 10.42.0.0/16");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.42.0.0/16")}: network.podCIDR: "10.42.0.0/16" overlaps the pod CIDR 10.42.0.0/16 of cluster "infra" (see network.podCIDR at ${infraPods})`,
    ]);
  });

  it("GIVEN a service CIDR overlapping the other cluster's pod CIDR WHEN parsing THEN it is reported", () => {
    let apps = replaceOnce(validApps, "serviceCIDR: 10.45.0.0/16", "serviceCIDR: 10.42.0.0/16");
    apps = replaceOnce(apps, "clusterDNS: 10.45.0.10", "clusterDNS: 10.42.0.10");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.42.0.0/16")}: network.serviceCIDR: "10.42.0.0/16" overlaps the pod CIDR 10.42.0.0/16 of cluster "infra" (see network.podCIDR at ${infraPods})`,
    ]);
  });

  it("GIVEN different but overlapping node subnets WHEN parsing THEN only an identical shared LAN is allowed", () => {
    let apps = replaceOnce(validApps, "nodeSubnet: 10.25.11.0/24", "nodeSubnet: 10.25.10.0/23");
    for (const address of ["10.25.11.14", "10.25.11.15", "10.25.11.16"]) apps = replaceOnce(apps, `${address}/24`, `${address}/23`);

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.10.0/23")}: network.nodeSubnet: "10.25.10.0/23" overlaps the node subnet 10.25.11.0/24 of cluster "infra" (see network.nodeSubnet at ${at(infraPath, validInfra, "10.25.11.0/24")})`,
    ]);
  });

  it("GIVEN a pool outside the LoadBalancer subnet WHEN parsing THEN it is reported", () => {
    const infra = replaceOnce(validInfra, "cidr: 10.25.12.128/25", "cidr: 10.25.14.128/25");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.14.128/25")}: network.loadBalancer.pools[1].cidr: "10.25.14.128/25" is outside the LoadBalancer subnet 10.25.12.0/24`,
    ]);
  });

  it("GIVEN two overlapping pools WHEN parsing THEN the later pool overlaps the earlier", () => {
    const infra = replaceOnce(validInfra, "cidr: 10.25.12.128/25", "cidr: 10.25.12.0/25");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.12.0/25")}: network.loadBalancer.pools[1].cidr: "10.25.12.0/25" overlaps the LoadBalancer pool "fixed" 10.25.12.0/27 (see network.loadBalancer.pools[0].cidr at ${at(infraPath, infra, "10.25.12.0/27")})`,
    ]);
  });

  it("GIVEN a VLAN address inside the pod CIDR WHEN parsing THEN it is reported", () => {
    const apps = replaceOnce(validApps, "[10.25.20.14/24]", "[10.44.20.14/24]");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.44.20.14/24")}: nodes[0].network.interfaces[0].vlans[0].addresses[0]: "10.44.20.14/24" lies in the pod CIDR 10.44.0.0/16 (expected an address of the VLAN's own network) (see network.podCIDR at ${at(appsPath, apps, "10.44.0.0/16")})`,
    ]);
  });
});
