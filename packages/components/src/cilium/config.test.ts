import { join } from "node:path";
import type { ClusterContext, Inventory } from "@k8s-gitops/core";
import { fixtureContext, kubectlRequired, kustomizeBuild, materialize } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { cilium, poolLabel } from "./index.js";
import { doc, file, helmValues, renderCilium } from "./test-support.js";

const withLoadBalancer = (context: ClusterContext, change: (lb: Inventory["network"]["loadBalancer"]) => Inventory["network"]["loadBalancer"]): ClusterContext => {
  const inventory = { ...context.inventory, network: { ...context.inventory.network, loadBalancer: change(context.inventory.network.loadBalancer) } } as Inventory;
  return { inventory, inventories: context.inventories.map((inv) => (inv.cluster.name === inventory.cluster.name ? inventory : inv)) };
};
const configDir = (cluster: string) => `kubernetes/infrastructure/${cluster}/network/cilium/config`;

describe("cilium config stage", () => {
  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN BGP peers with its routers using its ASNs", (cluster) => {
    const { bgp } = fixtureContext(cluster).inventory.network;
    const files = renderCilium(cluster);
    const clusterConfig = doc(files, "/config/ciliumbgpclusterconfig.yaml");
    const [instance] = clusterConfig.spec.bgpInstances;
    expect(instance.localASN).toBe(bgp.localASN);
    expect(instance.peers).toEqual(
      bgp.peers.map((peer) => ({ name: peer.name, peerASN: peer.asn, peerAddress: peer.address, peerConfigRef: { name: "router" } })),
    );
    const peerConfig = doc(files, "/config/ciliumbgppeerconfig.yaml");
    expect(peerConfig.metadata.name).toBe("router");
    expect(peerConfig.spec.families).toEqual([{ afi: "ipv4", safi: "unicast", advertisements: { matchLabels: { advertise: "bgp" } } }]);
    expect(peerConfig.spec.gracefulRestart.enabled).toBe(true);
    expect(peerConfig.spec.timers.keepAliveTimeSeconds).toBeLessThan(peerConfig.spec.timers.holdTimeSeconds);
  });

  it("GIVEN the advertisement THEN the peer config selects it and it announces Service LoadBalancer IPs", () => {
    const files = renderCilium("infra");
    const advertisement = doc(files, "/config/ciliumbgpadvertisement.yaml");
    const selected = doc(files, "/config/ciliumbgppeerconfig.yaml").spec.families[0].advertisements.matchLabels;
    expect(advertisement.metadata.labels).toMatchObject(selected);
    expect(advertisement.spec.advertisements).toMatchObject([{ advertisementType: "Service", service: { addresses: ["LoadBalancerIP"] } }]);
  });

  it("GIVEN the inventory's pools THEN there is one pool per entry and only pools holding fixed addresses are reserved", () => {
    const files = renderCilium("apps");
    const { pools } = fixtureContext("apps").inventory.network.loadBalancer;
    for (const pool of pools) {
      const rendered = doc(files, `/config/ciliumloadbalancerippool-${pool.name}.yaml`);
      expect(rendered.spec.blocks).toEqual([{ cidr: pool.cidr }]);
    }
    expect(doc(files, "/config/ciliumloadbalancerippool-fixed.yaml").spec.serviceSelector).toEqual({ matchLabels: { [poolLabel]: "fixed" } });
    expect(doc(files, "/config/ciliumloadbalancerippool-default.yaml").spec.serviceSelector).toBeUndefined();
  });

  it("GIVEN a changed pool in the inventory THEN the pool resource changes with it", () => {
    const context = withLoadBalancer(fixtureContext("infra"), (lb) => ({
      ...lb,
      pools: lb.pools.map((p) => (p.name === "default" ? { ...p, cidr: "10.25.12.64/26" } : p)),
    }));
    const pool = doc(renderCilium(context), "/config/ciliumloadbalancerippool-default.yaml");
    expect(pool.spec.blocks).toEqual([{ cidr: "10.25.12.64/26" }]);
  });

  it("GIVEN a fixed address moved to another pool THEN its consumers carry that pool's label", () => {
    const context = withLoadBalancer(fixtureContext("infra"), (lb) => ({
      ...lb,
      pools: [...lb.pools, { name: "mesh", cidr: "10.25.12.96/28" }],
      fixed: { ...lb.fixed, clustermeshApiServer: "10.25.12.100" },
    }));
    const files = renderCilium(context);
    expect(helmValues(files).clustermesh.apiserver.service).toMatchObject({
      annotations: { "lbipam.cilium.io/ips": "10.25.12.100" },
      labels: { [poolLabel]: "mesh" },
    });
    expect(doc(files, "/config/ciliumloadbalancerippool-mesh.yaml").spec.serviceSelector).toEqual({ matchLabels: { [poolLabel]: "mesh" } });
    expect(doc(files, "/config/ciliumloadbalancerippool-default.yaml").spec.serviceSelector).toBeUndefined();
  });

  it("GIVEN every pool holding a fixed address THEN no pool is reserved, so ordinary Services still get addresses", () => {
    const context = withLoadBalancer(fixtureContext("infra"), (lb) => ({ ...lb, fixed: { ...lb.fixed, clustermeshApiServer: "10.25.12.200" } }));
    const files = renderCilium(context);
    for (const pool of context.inventory.network.loadBalancer.pools) {
      expect(doc(files, `/config/ciliumloadbalancerippool-${pool.name}.yaml`).spec.serviceSelector).toBeUndefined();
    }
  });

  it.skipIf(!kubectlRequired())("GIVEN the config folder alone THEN it builds standalone and holds only cluster-scoped cilium.io objects (bootstrap postsync)", () => {
    const dir = configDir("infra");
    const files = renderCilium("infra").filter((f) => f.path.startsWith(`${dir}/`));
    const { dir: root, cleanup } = materialize(files);
    try {
      const built = parseAllDocuments(kustomizeBuild(join(root, dir))).map((d) => d.toJS());
      expect(built.length).toBe(cilium(fixtureContext("infra")).stages.find((s) => s.name === "config")!.resources.length);
      for (const object of built) {
        expect(object.apiVersion).toBe("cilium.io/v2");
        expect(object.metadata.namespace).toBeUndefined();
      }
    } finally {
      cleanup();
    }
    expect(file(files, "/config/kustomization.yaml").content).not.toMatch(/^namespace:/m);
  });
});
