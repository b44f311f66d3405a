import { describe, expect, it } from "vitest";
import { appsPath, at, problemsOf, replaceOnce, sources, validApps } from "../__fixtures__/support.js";

const nodesKey = at(appsPath, validApps, "\nnodes:", "nodes");
const asWorker = (text: string, hostname: string) =>
  replaceOnce(text, `hostname: ${hostname}\n    role: controlplane`, `hostname: ${hostname}\n    role: worker`);

describe("nodes", () => {
  it("GIVEN two control planes WHEN parsing THEN an odd number is demanded", () => {
    const apps = asWorker(validApps, "apps-01");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${nodesKey}: nodes: has 2 control planes ("apps-02", "apps-03") (expected an odd number, at least 1, so etcd keeps quorum)`,
    ]);
  });

  it("GIVEN no control plane WHEN parsing THEN at least one is demanded", () => {
    const apps = asWorker(asWorker(asWorker(validApps, "apps-01"), "apps-02"), "apps-03");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${nodesKey}: nodes: has no control plane (expected an odd number, at least 1, so etcd keeps quorum)`,
    ]);
  });

  it("GIVEN one control plane and two workers WHEN parsing THEN the cluster is valid", () => {
    const apps = asWorker(asWorker(validApps, "apps-02"), "apps-03");

    expect(() => problemsOf(sources({ apps }))).toThrow("expected parseInventories to throw a UserError");
  });

  it("GIVEN an empty node list WHEN parsing THEN at least one node is demanded", () => {
    const apps = validApps.replace(/\nnodes:\n[\s\S]*?\nnetwork:/, "\nnodes: []\nnetwork:");

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "nodes: []", "nodes")}: nodes: [] has too few items (expected at least 1)`,
    ]);
  });

  it("GIVEN two interfaces with one name WHEN parsing THEN the second name is a duplicate", () => {
    const apps = replaceOnce(
      validApps,
      "            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n",
      '            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n        - { name: lan, select: { mac: "8c:16:45:5e:20:9c" } }\n',
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "- { name: lan", "lan")}: nodes[0].network.interfaces[1].name: "lan" duplicates the name of another interface of the node (see nodes[0].network.interfaces[0].name at ${at(appsPath, apps, 'interfaces:\n        - name: lan\n          select: { mac: "8c:16:45:5e:20:9b" }', "lan")})`,
    ]);
  });

  it("GIVEN two VLANs with one id on an interface WHEN parsing THEN the second id is a duplicate", () => {
    const apps = replaceOnce(
      validApps,
      "            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n",
      "            - { id: 20, addresses: [10.25.20.14/24], mtu: 9000 }\n            - { id: 20, addresses: [10.25.21.14/24] }\n",
    );

    expect(problemsOf(sources({ apps }))).toEqual([
      `${at(appsPath, apps, "{ id: 20, addresses: [10.25.21.14/24] }", "20")}: nodes[0].network.interfaces[0].vlans[1].id: 20 duplicates the id of another VLAN of the interface (see nodes[0].network.interfaces[0].vlans[0].id at ${at(appsPath, apps, "{ id: 20, addresses: [10.25.20.14/24]", "20,")})`,
    ]);
  });
});
