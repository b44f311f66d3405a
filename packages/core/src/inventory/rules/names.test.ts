import { describe, expect, it } from "vitest";
import { parseInventories } from "../parse.js";
import { at, infraPath, problemsOf, replaceOnce, sources, validInfra } from "../__fixtures__/support.js";

describe("names", () => {
  it("GIVEN an external domain outside the DNS provider zone WHEN parsing THEN it is reported", () => {
    const infra = replaceOnce(validInfra, "external: example.net", "external: example.org");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "example.org")}: cluster.domains.external: "example.org" is not inside the DNS zone "example.net" (expected example.net or a subdomain of it) (see external.dnsProvider.zone at ${at(infraPath, infra, "zone: example.net", "example.net")})`,
    ]);
  });

  it("GIVEN an external domain that only ends like the zone WHEN parsing THEN it is not inside the zone", () => {
    const infra = replaceOnce(validInfra, "external: example.net", "external: myexample.net");

    expect(problemsOf(sources({ infra }))[0]).toContain('"myexample.net" is not inside the DNS zone "example.net"');
  });

  it("GIVEN an external domain below the zone WHEN parsing THEN it is accepted", () => {
    const infra = replaceOnce(validInfra, "external: example.net", "external: k8s.example.net");

    expect(parseInventories(sources({ infra }))[0]?.cluster.domains.external).toBe("k8s.example.net");
  });

  it("GIVEN two pools with one name WHEN parsing THEN the second name is a duplicate", () => {
    const infra = replaceOnce(validInfra, "name: default, cidr", "name: fixed, cidr");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "name: fixed, cidr: 10.25.12.128/25", "fixed")}: network.loadBalancer.pools[1].name: "fixed" duplicates the name of another pool (see network.loadBalancer.pools[0].name at ${at(infraPath, infra, "name: fixed, cidr: 10.25.12.0/27", "fixed")})`,
    ]);
  });

  it("GIVEN two NFS exports with one name WHEN parsing THEN the second name is a duplicate", () => {
    const infra = replaceOnce(validInfra, "name: media, path", "name: kubernetes, path");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "name: kubernetes, path: /volume1/media", "kubernetes")}: external.nfs.exports[1].name: "kubernetes" duplicates the name of another export (see external.nfs.exports[0].name at ${at(infraPath, infra, "name: kubernetes, path: /volume1/kubernetes", "kubernetes,")})`,
    ]);
  });
});
