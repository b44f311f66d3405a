import { describe, expect, it } from "vitest";
import { appsPath, at, atOccurrence, infraPath, problemsOf, replaceOnce, sources, validApps, validInfra } from "../__fixtures__/support.js";

describe("unique names and hardware identifiers", () => {
  it("GIVEN two nodes of one cluster with the same hostname WHEN parsing THEN the second is a duplicate of the first", () => {
    const apps = replaceOnce(validApps, "hostname: apps-03", "hostname: apps-01");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${atOccurrence(appsPath, apps, "apps-01", 2)}: nodes[2].hostname: "apps-01" duplicates the hostname of another node (see nodes[0].hostname at ${at(appsPath, validApps, "apps-01")})`,
    ]);
  });

  it("GIVEN a hostname used in both clusters WHEN parsing THEN the later cluster's node is a duplicate", () => {
    const apps = replaceOnce(validApps, "hostname: apps-02", "hostname: infra-02");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "infra-02")}: nodes[1].hostname: "infra-02" duplicates the hostname of another node (see nodes[1].hostname at ${at(infraPath, validInfra, "infra-02")})`,
    ]);
  });

  it("GIVEN two NICs of one cluster with the same MAC WHEN parsing THEN the second is a duplicate", () => {
    const apps = replaceOnce(validApps, "8c:16:45:5e:2a:10", "8c:16:45:5e:20:9b");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${atOccurrence(appsPath, apps, '"8c:16:45:5e:20:9b"', 2)}: nodes[2].network.interfaces[0].select.mac: "8c:16:45:5e:20:9b" duplicates a MAC address used elsewhere (see nodes[0].network.interfaces[0].select.mac at ${at(appsPath, apps, '"8c:16:45:5e:20:9b" }\n          addresses: [10.25.11.14/24]', '"8c')})`,
    ]);
  });

  it("GIVEN a MAC used in both clusters, inside a bond WHEN parsing THEN the bond member is a duplicate", () => {
    const apps = replaceOnce(
      validApps,
      'select: { mac: "8c:16:45:5e:2a:10" }',
      'bond: { mode: 802.3ad, members: [{ mac: "8c:16:45:5e:2a:10" }, { mac: "98:fa:9b:3c:74:1e" }] }',
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, '"98:fa:9b:3c:74:1e"')}: nodes[2].network.interfaces[0].bond.members[1].mac: "98:fa:9b:3c:74:1e" duplicates a MAC address used elsewhere (see nodes[1].network.interfaces[0].select.mac at ${at(infraPath, validInfra, '"98:fa:9b:3c:74:1e"')})`,
    ]);
  });

  it("GIVEN two clusters with the same name WHEN parsing THEN the second name is a duplicate", () => {
    const apps = replaceOnce(validApps, "  name: apps\n", "  name: infra\n");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "  name: infra", "infra")}: cluster.name: "infra" duplicates the name of another cluster (see cluster.name at ${at(infraPath, validInfra, "  name: infra", "infra")})`,
    ]);
  });

  it("GIVEN two clusters with the same ClusterMesh id WHEN parsing THEN the second id is a duplicate", () => {
    const apps = replaceOnce(validApps, "  id: 2\n", "  id: 1\n");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "  id: 1", "1")}: cluster.id: 1 duplicates the ClusterMesh id of another cluster (see cluster.id at ${at(infraPath, validInfra, "  id: 1", "1")})`,
    ]);
  });

  it("GIVEN a Ceph disk id used on nodes of both clusters WHEN parsing THEN the second is a duplicate", () => {
    const id = "nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R613208M";
    const apps = replaceOnce(validApps, "nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R703691P", id);

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, id)}: nodes[2].disks.ceph.id: "${id}" duplicates a disk used elsewhere (see nodes[0].disks.ceph.id at ${at(infraPath, validInfra, id)})`,
    ]);
  });

  it("GIVEN two install disks with the same serial WHEN parsing THEN the second is a duplicate", () => {
    const apps = replaceOnce(validApps, "serial: S6PWNJ0T519046F", "serial: S6PWNJ0T518804B");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${atOccurrence(appsPath, apps, "S6PWNJ0T518804B", 2)}: nodes[1].disks.install.selector.serial: "S6PWNJ0T518804B" duplicates a disk used elsewhere (see nodes[0].disks.install.selector.serial at ${at(appsPath, apps, "S6PWNJ0T518804B }\n        sizeGB: 500\n        type: ssd\n      ceph: { id: nvme-Samsung_SSD_970_EVO_Plus_1TB_S4EWNX0R702914A", "S6")})`,
    ]);
  });
});
