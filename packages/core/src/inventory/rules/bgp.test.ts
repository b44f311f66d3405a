import { describe, expect, it } from "vitest";
import { appsPath, at, atOccurrence, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "../__fixtures__/support.js";

describe("BGP", () => {
  it("GIVEN a peer in the local AS WHEN parsing THEN eBGP is demanded", () => {
    const apps = replaceOnce(validApps, "asn: 64600", "asn: 64602");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "asn: 64602", "64602")}: network.bgp.peers[0].asn: 64602 equals the local ASN (expected a different ASN: the peering is eBGP) (see network.bgp.localASN at ${at(appsPath, apps, "localASN: 64602", "64602")})`,
    ]);
  });

  it("GIVEN two clusters in the same AS WHEN parsing THEN the second local ASN is a duplicate", () => {
    const apps = replaceOnce(validApps, "localASN: 64602", "localASN: 64601");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "64601")}: network.bgp.localASN: 64601 duplicates the local ASN of another cluster (see network.bgp.localASN at ${at(infraPath, validInfra, "64601")})`,
    ]);
  });

  it("GIVEN the same peer twice WHEN parsing THEN name and address are duplicates", () => {
    const peer = "      - { name: srx320, address: 10.25.11.1, asn: 64600 }\n";
    const infra = replaceOnce(validInfra, peer, peer + peer);
    const nth = (needle: string, n: number) => atOccurrence(infraPath, infra, needle, n);
    expect(problemsOf(sources({ infra }))).toEqual([
      `${nth("srx320", 2)}: network.bgp.peers[1].name: "srx320" duplicates the name of another peer (see network.bgp.peers[0].name at ${nth("srx320", 1)})`,
      `${nth("10.25.11.1, asn", 2)}: network.bgp.peers[1].address: "10.25.11.1" duplicates the address of another peer (see network.bgp.peers[0].address at ${nth("10.25.11.1, asn", 1)})`,
    ]);
  });
});
