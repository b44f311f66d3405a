import { describe, expect, it } from "vitest";
import { UserError } from "@k8s-gitops/core/errors";
import { legacyNodeNetwork, networkDocuments, parseTalosVersion, nodePatch } from "./index.js";
import { editableCopy, realInventories } from "./testing/inventories.js";
import { bondedInventory } from "./testing/variants.js";

describe("network documents", () => {
  const bonded = bondedInventory();
  const node = bonded.nodes[0]!;

  it("GIVEN infra-01 with an LACP bond and VLAN 30 WHEN the multi-doc network is built THEN members are aliased by selector and the bond carries address, route and VIP", () => {
    expect(networkDocuments(bonded, node)).toEqual([
      { apiVersion: "v1alpha1", kind: "HostnameConfig", auto: "off", hostname: "infra-01" },
      { apiVersion: "v1alpha1", kind: "LinkAliasConfig", name: "bond0-port0", selector: { match: 'mac(link.permanent_addr) == "98:fa:9b:3c:71:a2"' } },
      { apiVersion: "v1alpha1", kind: "LinkAliasConfig", name: "bond0-port1", selector: { match: 'link.bus_path == "0000:03:00.0" && link.driver == "igb"' } },
      {
        apiVersion: "v1alpha1",
        kind: "BondConfig",
        name: "bond0",
        links: ["bond0-port0", "bond0-port1"],
        bondMode: "802.3ad",
        miimon: 100,
        lacpRate: "fast",
        xmitHashPolicy: "layer3+4",
        up: true,
        mtu: 9000,
        addresses: [{ address: "10.25.11.11/24" }],
        routes: [{ gateway: "10.25.11.1" }],
      },
      { apiVersion: "v1alpha1", kind: "VLANConfig", name: "bond0.30", parent: "bond0", vlanID: 30, up: true, mtu: 1500, addresses: [{ address: "10.25.30.11/24" }] },
      { apiVersion: "v1alpha1", kind: "Layer2VIPConfig", name: "10.25.11.10", link: "bond0" },
    ]);
  });

  it("GIVEN the same node on Talos v1.11 WHEN the legacy network is built THEN the bond uses permanent-MAC/bus-path device selectors and the VLAN sits under it", () => {
    expect(legacyNodeNetwork(bonded, node)).toEqual({
      hostname: "infra-01",
      interfaces: [
        {
          interface: "bond0",
          bond: {
            mode: "802.3ad",
            deviceSelectors: [{ permanentAddr: "98:fa:9b:3c:71:a2" }, { busPath: "0000:03:00.0", driver: "igb" }],
            miimon: 100,
            lacpRate: "fast",
            xmitHashPolicy: "layer3+4",
          },
          mtu: 9000,
          dhcp: false,
          addresses: ["10.25.11.11/24"],
          routes: [{ network: "0.0.0.0/0", gateway: "10.25.11.1" }],
          vip: { ip: "10.25.11.10" },
          vlans: [{ vlanId: 30, dhcp: false, mtu: 1500, addresses: ["10.25.30.11/24"] }],
        },
      ],
    });
  });

  it("GIVEN a worker node WHEN its patch is built THEN it gets no VIP and no control-plane scheduling switch", () => {
    const edited = editableCopy(realInventories()[0]!);
    edited.nodes[2]!.role = "worker";
    const docs = nodePatch(edited, edited.nodes[2]!, parseTalosVersion("v1.13.9"));

    expect(docs.map((doc) => doc["kind"])).not.toContain("Layer2VIPConfig");
    expect(docs[0]).not.toHaveProperty("cluster");
  });

  it("GIVEN an unschedulable control plane WHEN its patch is built THEN it keeps the NoSchedule taint", () => {
    const edited = editableCopy(realInventories()[0]!);
    edited.nodes[0]!.schedulable = false;

    expect(nodePatch(edited, edited.nodes[0]!, parseTalosVersion("v1.13.9"))[0]).toMatchObject({ cluster: { allowSchedulingOnControlPlanes: false } });
  });

  it("GIVEN a control plane none of whose links reaches the VIP WHEN its network is built THEN a UserError names the node, field and VIP", () => {
    const edited = editableCopy(realInventories()[0]!);
    edited.cluster.endpoint.vip = "10.25.99.10";

    expect(() => networkDocuments(edited, edited.nodes[0]!)).toThrow(UserError);
    expect(() => networkDocuments(edited, edited.nodes[0]!)).toThrow(
      /cluster infra: nodes\[0\]\.network\.interfaces: no link of control plane "infra-01" reaches the API VIP "10\.25\.99\.10"/,
    );
  });

  it("GIVEN a bond name that leaves no room for member suffixes WHEN the network is built THEN a UserError names the derived link name", () => {
    const edited = editableCopy(bonded);
    edited.nodes[0]!.network.interfaces[0]!.name = "uplink-bond-abc";

    expect(() => networkDocuments(edited, edited.nodes[0]!)).toThrow(/nodes\[0\]\.network\.interfaces\[0\]\.name: derived link name "uplink-bond-abc-port0"/);
  });
});
