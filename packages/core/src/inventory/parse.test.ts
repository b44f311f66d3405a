import { describe, expect, it } from "vitest";
import { UserError } from "../errors/index.js";
import { parseInventories } from "./parse.js";
import { appsPath, at, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "./__fixtures__/support.js";

describe("parseInventories", () => {
  it("GIVEN the valid fixtures WHEN parsing THEN both inventories come back in order with defaults applied", () => {
    const [infra, apps] = parseInventories(sources());

    expect(infra?.cluster.name).toBe("infra");
    expect(apps?.cluster.name).toBe("apps");
    // Written: vlans omitted on infra (default []), readOnly omitted on exports (default false).
    expect(infra?.nodes[0]?.network.interfaces[0]?.vlans).toEqual([]);
    expect(apps?.external.nfs?.exports.map((e) => e.readOnly)).toEqual([false, false]);
    expect(apps?.nodes[0]?.network.interfaces[0]?.vlans[0]).toEqual({ id: 20, addresses: ["10.25.20.14/24"], mtu: 9000 });
  });

  it("GIVEN no sources WHEN parsing THEN there are no inventories", () => {
    expect(parseInventories([])).toEqual([]);
  });

  it("GIVEN problems in both files WHEN parsing THEN one UserError counts and lists all of them, ordered by file and line", () => {
    const infra = replaceOnce(validInfra, "gateway: 10.25.11.1\n", "gateway: 999.1.1.1\n");
    const apps = replaceOnce(validApps, "id: 2\n", "id: 0\n");

    const run = () => parseInventories(sources({ infra, apps }));

    expect(run).toThrow(UserError);
    expect(run).toThrow(/^inventory is invalid \(2 problems\)\n/);
    expect(problemsOf(sources({ infra, apps }))).toEqual([
      `${at(infraPath, infra, "  gateway: 999.1.1.1", "999")}: network.gateway: "999.1.1.1" is not a valid IPv4 address (expected four decimal octets 0-255, e.g. 10.25.11.10)`,
      `${at(appsPath, apps, "id: 0", "0")}: cluster.id: 0 is too small (expected at least 1)`,
    ]);
  });

  it("GIVEN a single problem WHEN parsing THEN the summary says 1 problem", () => {
    const apps = replaceOnce(validApps, "id: 2\n", "id: 256\n");

    expect(() => parseInventories(sources({ apps }))).toThrow(/^inventory is invalid \(1 problem\)\n {2}- /);
  });

  it("GIVEN a YAML syntax error WHEN parsing THEN it is reported with its position and the other file is still checked", () => {
    const infra = replaceOnce(validInfra, "  dns: [10.25.11.1, 1.1.1.1, 9.9.9.9]", "  dns: [10.25.11.1, 1.1.1.1, 9.9.9.9");
    const apps = replaceOnce(validApps, "email: hostmaster@example.net", "email: hostmaster");

    expect(problemsOf(sources({ infra, apps }))).toEqual([
      `${at(infraPath, infra, "  ntp:", "ntp")}: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `${at(appsPath, apps, "hostmaster")}: external.letsencrypt.email: "hostmaster" is not a valid email address (expected e.g. admin@example.net)`,
    ]);
  });

  it("GIVEN a duplicate key WHEN parsing THEN it is a syntax error at the second key", () => {
    const infra = replaceOnce(validInfra, "  clusterDNS: 10.43.0.10\n", "  clusterDNS: 10.43.0.10\n  clusterDNS: 10.43.0.11\n");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "  clusterDNS: 10.43.0.11", "clusterDNS")}: YAML syntax error: duplicate key "clusterDNS" (each key may appear only once in a mapping)`,
    ]);
  });

  it("GIVEN external.storageClasses WHEN parsing THEN valid names are kept and a name that is no DNS name is reported at the value", () => {
    const listed = replaceOnce(validApps, "  letsencrypt:\n", "  storageClasses: [local-path]\n  letsencrypt:\n");
    expect(parseInventories(sources({ apps: listed }))[1]!.external.storageClasses).toEqual(["local-path"]);
    const bad = replaceOnce(validApps, "  letsencrypt:\n", "  storageClasses: [Local_Path]\n  letsencrypt:\n");
    expect(problemsOf(sources({ apps: bad }))).toEqual([
      `${at(appsPath, bad, "Local_Path")}: external.storageClasses[0]: "Local_Path" is not a valid DNS name (expected lowercase DNS labels separated by dots, e.g. lab.example.net)`,
    ]);
  });

  it("GIVEN a tab inside a hostname WHEN parsing THEN it is reported at the value, with the character named", () => {
    const apps = replaceOnce(validApps, "  - hostname: apps-01\n", '  - hostname: "apps\\t01"\n');

    expect(problemsOf(sources({ apps }))).toContain(
      `${at(appsPath, apps, '"apps\\t01"')}: "apps\\t01" contains a tab (U+0009); inventory values are names, addresses and identifiers, which cannot hold control characters`,
    );
  });

  it("GIVEN .inf and 1e400 as numbers WHEN parsing THEN both are shown as written, not as null", () => {
    const apps = replaceOnce(replaceOnce(validApps, "id: 2\n", "id: .inf\n"), "mtu: 9000", "mtu: 1e400");

    const problems = problemsOf(sources({ apps }));

    expect(problems).toContain(`${at(appsPath, apps, "id: .inf", ".inf")}: .inf is not a finite number`);
    expect(problems).toContain(`${at(appsPath, apps, "mtu: 1e400", "1e400")}: 1e400 is not a finite number`);
    expect(problems.join("\n")).not.toContain("null");
  });

  it("GIVEN flow collections nested 100000 deep WHEN parsing THEN one clear nesting error, no stack overflow", () => {
    const apps = `cluster: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;

    const problems = problemsOf(sources({ apps }));

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^clusters\/apps\/inventory\.yaml:1:\d+: YAML syntax error: nesting too deep for the YAML parser; no inventory field is deeper than 64 levels$/);
  });

  it("GIVEN a list of 25000 empty nodes (150000 findings, more than a call has argument slots) WHEN parsing THEN every problem is counted, the first 200 listed, and nothing overflows", () => {
    const apps = `nodes:\n${"  - {}\n".repeat(25_000)}`;

    let message = "";
    try {
      parseInventories(sources({ apps }));
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      message = (error as Error).message;
    }

    expect(message).toMatch(/^inventory is invalid \(\d{5,} problems\)\n/);
    expect(message.split("\n")).toHaveLength(1 + 200 + 1);
    expect(message).toMatch(/\n {2}- \.\.\. and \d+ more problems$/);
  });

  it("GIVEN block mappings nested 70 deep WHEN parsing THEN the nesting limit is reported at the first too-deep level", () => {
    const apps = Array.from({ length: 70 }, (_, depth) => `${" ".repeat(depth)}k:`).join("\n");

    expect(problemsOf(sources({ apps }))).toEqual([`${appsPath}:65:65: YAML syntax error: nesting deeper than 64 levels; no inventory field is this deep`]);
  });

  it("GIVEN an empty file WHEN parsing THEN it is reported as empty", () => {
    expect(problemsOf(sources({ apps: "# nothing yet\n" }))).toEqual([
      `${appsPath}:1:1: (document): the file is empty (expected a mapping with cluster, nodes, network and external)`,
    ]);
  });

  it("GIVEN a list where a mapping belongs WHEN parsing THEN the wrong type is named", () => {
    const apps = replaceOnce(validApps, "  letsencrypt:\n    email: hostmaster@example.net\n", "  letsencrypt: [hostmaster@example.net]\n");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "letsencrypt")}: external.letsencrypt: ["hostmaster@example.net"] has the wrong type (expected a mapping)`,
    ]);
  });
});

describe("schema problems", () => {
  it("GIVEN a misspelled field WHEN parsing THEN the typo is an error with a suggestion and the real field is missing", () => {
    const apps = replaceOnce(validApps, "    vault: kubernetes-apps", "    vaults: kubernetes-apps");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "  onepassword:", "onepassword")}: external.onepassword.vault: required field is missing (expected a string)`,
      `${at(appsPath, apps, "vaults")}: external.onepassword.vaults: unknown field "vaults" (did you mean "vault"?)`,
    ]);
  });

  it("GIVEN an unknown field far from any known one WHEN parsing THEN the allowed fields are listed", () => {
    const infra = replaceOnce(validInfra, "  id: 1\n", "  id: 1\n  colour: blue\n");

    expect(problemsOf(sources({ infra }))).toEqual([
      `${at(infraPath, infra, "colour")}: cluster.colour: unknown field "colour" (expected one of name, id, talosVersion, kubernetesVersion, endpoint, domains, git)`,
    ]);
  });

  it("GIVEN a non-canonical CIDR WHEN parsing THEN the canonical form is suggested", () => {
    const apps = replaceOnce(validApps, "podCIDR: 10.44.0.0/16", "podCIDR: 10.44.0.1/16");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.44.0.1/16")}: network.podCIDR: "10.44.0.1/16" is not a canonical CIDR: host bits are set (expected 10.44.0.0/16)`,
    ]);
  });

  it("GIVEN a malformed CIDR WHEN parsing THEN the expected form is shown", () => {
    const apps = replaceOnce(validApps, "serviceCIDR: 10.45.0.0/16", "serviceCIDR: 10.45.0.0/33");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.45.0.0/33")}: network.serviceCIDR: "10.45.0.0/33" is not a valid IPv4 CIDR (expected network/prefix, e.g. 10.25.11.0/24)`,
    ]);
  });

  it("GIVEN an interface address that is the network address WHEN parsing THEN a host address is demanded", () => {
    const apps = replaceOnce(validApps, "[10.25.20.14/24]", "[10.25.20.0/24]");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "10.25.20.0/24")}: nodes[0].network.interfaces[0].vlans[0].addresses[0]: "10.25.20.0/24" is the network address of 10.25.20.0/24 (expected a host address)`,
    ]);
  });

  it("GIVEN a node without install disk WHEN parsing THEN the missing disk is reported at the disks key", () => {
    const apps = replaceOnce(
      validApps,
      "      install:\n        selector: { model: Samsung SSD 870 EVO 500GB, serial: S6PWNJ0T519233W }\n        sizeGB: 500\n        type: ssd\n",
      "",
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "    disks:\n      ceph: { id: nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R703691P", "disks")}: nodes[2].disks.install: required field is missing (expected a mapping)`,
    ]);
  });

  it("GIVEN a missing email WHEN parsing THEN it is reported at the parent", () => {
    const apps = replaceOnce(validApps, "  letsencrypt:\n    email: hostmaster@example.net\n", "  letsencrypt: {}\n");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "letsencrypt")}: external.letsencrypt.email: required field is missing (expected a string)`,
    ]);
  });

  it.each([
    ["0", "0"],
    ["23456", "23456"],
    ["4294967296", "4294967296"],
    ["-1", "-1"],
    ["64600.5", "64600.5"],
  ])("GIVEN the peer ASN %s WHEN parsing THEN it is not a valid ASN", (written, shown) => {
    const apps = replaceOnce(validApps, "asn: 64600", `asn: ${written}`);

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, `asn: ${written}`, written)}: network.bgp.peers[0].asn: ${shown} is not a valid ASN (expected an integer 1..4294967295 other than 23456, which is reserved as AS_TRANS)`,
    ]);
  });

  it("GIVEN the largest 4-byte ASN WHEN parsing THEN it is accepted", () => {
    const apps = replaceOnce(validApps, "asn: 64600", "asn: 4294967295");

    expect(parseInventories(sources({ apps }))[1]?.network.bgp.peers[0]?.asn).toBe(4294967295);
  });

  it("GIVEN an unknown role WHEN parsing THEN the allowed roles are listed", () => {
    const apps = replaceOnce(validApps, "  - hostname: apps-01\n    role: controlplane", "  - hostname: apps-01\n    role: master");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "role: master", "master")}: nodes[0].role: "master" is not allowed (expected one of "controlplane", "worker")`,
    ]);
  });

  it("GIVEN an interface with both select and bond WHEN parsing THEN exactly one is demanded", () => {
    const apps = replaceOnce(
      validApps,
      '          select: { mac: "8c:16:45:5e:20:9b" }\n',
      '          select: { mac: "8c:16:45:5e:20:9b" }\n          bond: { mode: active-backup, members: [{ mac: "8c:16:45:5e:20:9c" }] }\n',
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "        - name: lan\n          select: { mac: \"8c:16:45:5e:20:9b\" }", "name")}: nodes[0].network.interfaces[0]: has both "select" and "bond" (expected exactly one of them)`,
    ]);
  });

  it("GIVEN a NIC selected by driver only WHEN parsing THEN the selector is rejected", () => {
    const apps = replaceOnce(validApps, 'select: { driver: e1000e, busPath: "0000:00:1f.6" }', "select: { driver: e1000e }");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "select: { driver: e1000e }", "select")}: nodes[1].network.interfaces[0].select: selects no NIC (expected "mac", or "busPath" with an optional "driver")`,
    ]);
  });

  it("GIVEN an upper-case MAC WHEN parsing THEN the Talos spelling is demanded", () => {
    const apps = replaceOnce(validApps, "8c:16:45:5e:20:9b", "8C:16:45:5E:20:9B");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, '"8C:16:45:5E:20:9B"')}: nodes[0].network.interfaces[0].select.mac: "8C:16:45:5E:20:9B" is not a MAC address (expected six lowercase hex pairs separated by colons, e.g. 6c:4b:90:1a:2b:3c)`,
    ]);
  });

  it("GIVEN a disk by-id written as a path WHEN parsing THEN only the link name is demanded", () => {
    const apps = replaceOnce(validApps, "ceph: { id: nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R702914A", "ceph: { id: /dev/disk/by-id/nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R702914A");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "/dev/disk/by-id/nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R702914A")}: nodes[0].disks.ceph.id: "/dev/disk/by-id/nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R702914A" is a path (expected only the name of the link in /dev/disk/by-id, e.g. nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R123456A)`,
    ]);
  });
});
