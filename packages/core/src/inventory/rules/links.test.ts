import { describe, expect, it } from "vitest";
import { appsPath, at, atOccurrence, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "../__fixtures__/support.js";

/** Declares the switch pair of the apps cluster. */
const withSwitches = (text: string, mlag: boolean, jumboFrames: boolean): string =>
  replaceOnce(
    text,
    "\n  loadBalancer:",
    `\n  switches: { names: [tor-1, tor-2], mlag: ${mlag}, jumboFrames: ${jumboFrames} }\n  loadBalancer:`,
  );

/** Turns apps-03's single NIC into a bond of two NICs with the given members' extra fields. */
const bonded = (text: string, mode: string, first: string, second: string): string =>
  replaceOnce(
    text,
    'select: { mac: "8c:16:45:5e:2a:10" }',
    `bond: { mode: ${mode}, members: [{ mac: "3c:fd:fe:c2:0b:14"${first} }, { mac: "3c:fd:fe:c2:0b:15"${second} }] }`,
  );

const member = "nodes[2].network.interfaces[0].bond.members";

describe("bonds across the top-of-rack switches", () => {
  it("GIVEN an LACP bond with one member on each switch of an MLAG pair WHEN parsing THEN the cluster is valid", () => {
    const apps = bonded(withSwitches(validApps, true, true), "802.3ad", ", switch: tor-1", ", switch: tor-2");

    expect(() => problemsOf(sources({ apps }))).toThrow("expected parseInventories to throw a UserError");
  });

  it("GIVEN both members of a bond on one switch WHEN parsing THEN the second member is reported", () => {
    const apps = bonded(withSwitches(validApps, true, true), "802.3ad", ", switch: tor-1", ", switch: tor-1");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, '0b:15", switch: tor-1', "tor-1")}: ${member}[1].switch: "tor-1" is also the switch of another member of the bond (expected each member on a different switch, so the bond survives the loss of one) (see ${member}[0].switch at ${at(appsPath, apps, '0b:14", switch: tor-1', "tor-1")})`,
    ]);
  });

  it("GIVEN a member on a switch that is not declared WHEN parsing THEN the switch name is reported", () => {
    const apps = bonded(withSwitches(validApps, true, true), "802.3ad", ", switch: tor-1", ", switch: tor-3");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "tor-3")}: ${member}[1].switch: "tor-3" is not a switch of network.switches.names (expected one of "tor-1", "tor-2")`,
    ]);
  });

  it("GIVEN declared switches and a member without a switch WHEN parsing THEN the member is reported", () => {
    const apps = bonded(withSwitches(validApps, true, true), "802.3ad", ", switch: tor-1", "");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, '{ mac: "3c:fd:fe:c2:0b:15" }')}: ${member}[1]: names no switch (expected "switch": one of "tor-1", "tor-2")`,
    ]);
  });

  it("GIVEN a member naming a switch but no declared switches WHEN parsing THEN the switch is reported", () => {
    const apps = bonded(validApps, "802.3ad", ", switch: tor-1", "");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "tor-1")}: ${member}[0].switch: "tor-1" names a switch but network.switches declares none`,
    ]);
  });

  it("GIVEN an LACP bond across two switches that are not MLAG WHEN parsing THEN active-backup is demanded", () => {
    const apps = bonded(withSwitches(validApps, false, true), "802.3ad", ", switch: tor-1", ", switch: tor-2");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "802.3ad")}: nodes[2].network.interfaces[0].bond.mode: "802.3ad" spans the switches "tor-1", "tor-2", which are not a stack or MLAG pair (network.switches.mlag: false); expected "active-backup" (see network.switches.mlag at ${at(appsPath, apps, "mlag: false", "false")})`,
    ]);
  });

  it("GIVEN an active-backup bond across two switches that are not MLAG WHEN parsing THEN the cluster is valid", () => {
    const apps = bonded(withSwitches(validApps, false, true), "active-backup", ", switch: tor-1", ", switch: tor-2");

    expect(() => problemsOf(sources({ apps }))).toThrow("expected parseInventories to throw a UserError");
  });
});

describe("MTU", () => {
  it("GIVEN switches without jumbo frames and a VLAN at MTU 9000 WHEN parsing THEN the VLAN's MTU is reported", () => {
    const apps = withSwitches(validApps, true, false);

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "mtu: 9000", "9000")}: nodes[0].network.interfaces[0].vlans[0].mtu: 9000 is larger than the switches carry (they carry no jumbo frames (network.switches.jumboFrames: false), so at most MTU 1500) (see network.switches.jumboFrames at ${at(appsPath, apps, "jumboFrames: false", "false")})`,
    ]);
  });

  it("GIVEN one node of the shared LAN at MTU 9000 and the others at 1500 WHEN parsing THEN it is reported against the first link of the subnet", () => {
    const apps = replaceOnce(validApps, "addresses: [10.25.11.16/24]\n          mtu: 1500", "addresses: [10.25.11.16/24]\n          mtu: 9000");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.11.16/24]\n          mtu: 9000", "9000")}: nodes[2].network.interfaces[0].mtu: 9000 differs from the MTU 1500 of another link in the subnet 10.25.11.0/24 (expected one MTU per subnet) (see nodes[0].network.interfaces[0].mtu at ${atOccurrence(infraPath, validInfra, "1500", 1)})`,
    ]);
  });
});
