import { describe, expect, it } from "vitest";
import { appsPath, at, atOccurrence, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "../__fixtures__/support.js";

const infraVip = at(infraPath, validInfra, "10.25.11.10");

describe("addresses inside their subnet", () => {
  it("GIVEN a node address outside the node subnet WHEN parsing THEN it is reported, and so is the now unreachable gateway", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.12/24]", "[10.25.99.12/24]");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.99.12/24")}: nodes[1].network.interfaces[0].addresses[0]: "10.25.99.12/24" is outside the node subnet 10.25.11.0/24`,
      `${atOccurrence(infraPath, infra, "10.25.11.1\n", 2)}: nodes[1].network.defaultGateway: "10.25.11.1" is not in the subnet of any address of the node (expected the gateway of one of its links)`,
    ]);
  });

  it("GIVEN a node address with another prefix than the node subnet WHEN parsing THEN the right prefix is suggested", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.12/24]", "[10.25.11.12/16]");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.11.12/16")}: nodes[1].network.interfaces[0].addresses[0]: "10.25.11.12/16" has a different prefix than the node subnet 10.25.11.0/24 (expected 10.25.11.12/24)`,
    ]);
  });

  it("GIVEN a VIP outside the node subnet WHEN parsing THEN it is reported", () => {
    const infra = replaceOnce(validInfra, "vip: 10.25.11.10", "vip: 10.25.99.10");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.99.10")}: cluster.endpoint.vip: "10.25.99.10" is outside the node subnet 10.25.11.0/24`,
    ]);
  });

  it("GIVEN the VIP is the network address of the node subnet WHEN parsing THEN it is reported", () => {
    const apps = replaceOnce(validApps, "vip: 10.25.11.20", "vip: 10.25.11.0");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "vip: 10.25.11.0", "10")}: cluster.endpoint.vip: "10.25.11.0" is the network address of the node subnet 10.25.11.0/24`,
    ]);
  });

  it("GIVEN a gateway outside the node subnet WHEN parsing THEN it is reported", () => {
    const apps = replaceOnce(validApps, "  gateway: 10.25.11.1\n", "  gateway: 10.25.11.255\n");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.11.255")}: network.gateway: "10.25.11.255" is the broadcast address of the node subnet 10.25.11.0/24`,
    ]);
  });

  it("GIVEN a default gateway no link reaches WHEN parsing THEN it is reported", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.13/24]\n          mtu: 1500\n      defaultGateway: 10.25.11.1", "[10.25.11.13/24]\n          mtu: 1500\n      defaultGateway: 10.25.10.1");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.10.1")}: nodes[2].network.defaultGateway: "10.25.10.1" is not in the subnet of any address of the node (expected the gateway of one of its links)`,
    ]);
  });

  it("GIVEN a default gateway reachable through two links WHEN parsing THEN the default route is ambiguous", () => {
    const apps = replaceOnce(
      validApps,
      "            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n",
      "            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n        - { name: lan2, select: { mac: \"8c:16:45:5e:20:9c\" }, addresses: [10.25.11.17/24] }\n",
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${atOccurrence(appsPath, apps, "10.25.11.1\n", 1)}: nodes[0].network.defaultGateway: "10.25.11.1" is reachable through several links (network.interfaces[0], network.interfaces[1]); expected exactly one to carry the default route`,
    ]);
  });

  it("GIVEN a node with only VLAN addresses WHEN parsing THEN the missing node IP is reported", () => {
    const apps = replaceOnce(validApps, "addresses: [10.25.11.14/24]", "addresses: []");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "      interfaces:\n        - name: lan\n          select: { mac: \"8c:16:45:5e:20:9b\" }", "interfaces")}: nodes[0].network.interfaces: no interface has an untagged address (expected one address in the node subnet 10.25.11.0/24, the node IP)`,
      `${at(appsPath, apps, "      defaultGateway: 10.25.11.1\n    disks:\n      install:\n        selector: { model: Samsung SSD 870 EVO 500GB, serial: S6PWNJ0T518804B }", "10")}: nodes[0].network.defaultGateway: "10.25.11.1" is not in the subnet of any address of the node (expected the gateway of one of its links)`,
    ]);
  });

  it("GIVEN a fixed LoadBalancer IP outside every pool WHEN parsing THEN the pools are listed", () => {
    const infra = replaceOnce(validInfra, "externalGateway: 10.25.12.11", "externalGateway: 10.25.12.40");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.12.40")}: network.loadBalancer.fixed.externalGateway: "10.25.12.40" is outside every LoadBalancer pool (fixed 10.25.12.0/27, default 10.25.12.128/25)`,
    ]);
  });

  it("GIVEN a cluster DNS address outside the service CIDR WHEN parsing THEN it is reported", () => {
    const apps = replaceOnce(validApps, "clusterDNS: 10.45.0.10", "clusterDNS: 10.44.0.10");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.44.0.10")}: network.clusterDNS: "10.44.0.10" is outside the service CIDR 10.45.0.0/16`,
    ]);
  });

  it("GIVEN the cluster DNS address of the kubernetes Service WHEN parsing THEN it is reserved", () => {
    const apps = replaceOnce(validApps, "clusterDNS: 10.45.0.10", "clusterDNS: 10.45.0.1");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.45.0.1\n", "10")}: network.clusterDNS: "10.45.0.1" is reserved for the kubernetes API Service (expected another address in 10.45.0.0/16, conventionally .10)`,
    ]);
  });
});

describe("address collisions", () => {
  it("GIVEN a node address equal to its cluster's VIP WHEN parsing THEN the node address collides", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.12/24]", "[10.25.11.10/24]");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.11.10/24")}: nodes[1].network.interfaces[0].addresses[0]: "10.25.11.10/24" collides with the control-plane VIP (see cluster.endpoint.vip at ${infraVip})`,
    ]);
  });

  it("GIVEN a VIP equal to a node address of the other cluster WHEN parsing THEN the VIP collides", () => {
    const apps = replaceOnce(validApps, "vip: 10.25.11.20", "vip: 10.25.11.11");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.11.11")}: cluster.endpoint.vip: "10.25.11.11" collides with the node address (see nodes[0].network.interfaces[0].addresses[0] at ${at(infraPath, validInfra, "10.25.11.11/24")})`,
    ]);
  });

  it("GIVEN two nodes of one cluster with the same address WHEN parsing THEN the second collides", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.13/24]", "[10.25.11.11/24]");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${atOccurrence(infraPath, infra, "10.25.11.11/24", 2)}: nodes[2].network.interfaces[0].addresses[0]: "10.25.11.11/24" collides with the node address (see nodes[0].network.interfaces[0].addresses[0] at ${at(infraPath, validInfra, "10.25.11.11/24")})`,
    ]);
  });

  it("GIVEN a node address used in both clusters WHEN parsing THEN the later one collides", () => {
    const apps = replaceOnce(validApps, "[10.25.11.16/24]", "[10.25.11.13/24]");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.11.13/24")}: nodes[2].network.interfaces[0].addresses[0]: "10.25.11.13/24" collides with the node address (see nodes[2].network.interfaces[0].addresses[0] at ${at(infraPath, validInfra, "10.25.11.13/24")})`,
    ]);
  });

  it("GIVEN two fixed LoadBalancer IPs with the same address WHEN parsing THEN the second collides", () => {
    const apps = replaceOnce(validApps, "clustermeshApiServer: 10.25.13.20", "clustermeshApiServer: 10.25.13.10");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${atOccurrence(appsPath, apps, "10.25.13.10", 2)}: network.loadBalancer.fixed.clustermeshApiServer: "10.25.13.10" collides with the LoadBalancer fixed IP (see network.loadBalancer.fixed.internalGateway at ${at(appsPath, apps, "internalGateway: 10.25.13.10", "10.25.13.10")})`,
    ]);
  });

  it("GIVEN a node address equal to the gateway WHEN parsing THEN the node address collides with the router", () => {
    const infra = replaceOnce(validInfra, "[10.25.11.11/24]", "[10.25.11.1/24]");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "10.25.11.1/24")}: nodes[0].network.interfaces[0].addresses[0]: "10.25.11.1/24" collides with the default gateway (see nodes[0].network.defaultGateway at ${atOccurrence(infraPath, infra, "10.25.11.1\n", 1)})`,
    ]);
  });

  it("GIVEN a node address equal to the NFS server of the other cluster WHEN parsing THEN it collides", () => {
    const apps = replaceOnce(validApps, "[10.25.11.15/24]", "[10.25.11.5/24]");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.11.5/24")}: nodes[1].network.interfaces[0].addresses[0]: "10.25.11.5/24" collides with the NFS server (see external.nfs.address at ${at(infraPath, validInfra, "10.25.11.5")})`,
    ]);
  });

  it("GIVEN the router named as gateway, resolver and BGP peer in both clusters WHEN parsing THEN shared machines do not collide", () => {
    expect(() => problemsOf(sources())).toThrow("expected parseInventories to throw a UserError");
  });
});
