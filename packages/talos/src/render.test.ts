import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { GeneratedFile } from "@k8s-gitops/core/files";
import type { Inventory } from "@k8s-gitops/core";
import { renderTalos } from "./index.js";
import { fixtureInventories } from "@k8s-gitops/core/testing";
import { validateTalosDocument } from "@k8s-gitops/core/schemas";
import { parseAllDocuments } from "yaml";
import { clusterNames, documentsOf, editableCopy, realInventories } from "./testing/inventories.js";

const goldenRoot = fileURLToPath(new URL("./__golden__", import.meta.url));
const updateGolden = process.env["UPDATE_GOLDEN"] === "1";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

function byPath(files: readonly GeneratedFile[]): Map<string, string> {
  return new Map(files.map((file) => [file.path, file.content]));
}

/** Paths whose content differs between two renders (or exist in only one). */
function changedPaths(before: readonly GeneratedFile[], after: readonly GeneratedFile[]): string[] {
  const a = byPath(before);
  const b = byPath(after);
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

function ipsInLinkConfigs(file: GeneratedFile): string[] {
  return documentsOf(file.content)
    .filter((doc) => doc["kind"] === "LinkConfig" || doc["kind"] === "BondConfig")
    .flatMap((doc) => (doc["addresses"] as { address: string }[]).map((entry) => entry.address));
}

const inventories = realInventories();
const inventory = (name: string): Inventory => {
  const found = inventories.find((candidate) => candidate.cluster.name === name);
  if (found === undefined) throw new Error(`no inventory ${name}`);
  return found;
};

describe("renderTalos on the real inventories", () => {
  it("GIVEN both clusters WHEN rendered THEN each has a cluster patch, a schematic and one patch per node with its IP", () => {
    const rendered = clusterNames.map((name) => renderTalos(inventory(name)));
    const nodeFiles = rendered.flat().filter((file) => file.path.includes("/nodes/"));

    expect(rendered.map((files) => files.map((file) => file.path))).toEqual([
      ["talos/infra/cluster.yaml", "talos/infra/nodes/infra-01.yaml", "talos/infra/nodes/infra-02.yaml", "talos/infra/nodes/infra-03.yaml", "talos/infra/schematic.yaml"],
      ["talos/apps/cluster.yaml", "talos/apps/nodes/apps-01.yaml", "talos/apps/nodes/apps-02.yaml", "talos/apps/nodes/apps-03.yaml", "talos/apps/schematic.yaml"],
    ]);
    expect(nodeFiles.map(ipsInLinkConfigs)).toEqual([11, 12, 13, 14, 15, 16].map((host) => [`10.25.11.${host}/24`]));
  });

  it("GIVEN a cluster WHEN rendered THEN every file belongs to that cluster's scope", () => {
    for (const name of clusterNames) {
      expect(new Set(renderTalos(inventory(name)).map((file) => file.scope))).toEqual(new Set([`cluster:${name}`]));
    }
  });

  it("GIVEN the same inventory WHEN rendered twice THEN the output is identical", () => {
    expect(renderTalos(inventory("infra"))).toEqual(renderTalos(inventory("infra")));
  });

  describe.each(clusterNames)("golden files of cluster %s", (name) => {
    const files = renderTalos(inventory(name));
    const dir = join(goldenRoot, name);
    const goldenPathOf = (file: GeneratedFile): string => join(goldenRoot, file.path.replace(/^talos\//, ""));

    if (updateGolden) {
      for (const file of files) {
        mkdirSync(dirname(goldenPathOf(file)), { recursive: true });
        writeFileSync(goldenPathOf(file), file.content);
      }
    }

    it("GIVEN the golden directory WHEN compared THEN it holds exactly the rendered files", () => {
      expect(filesUnder(dir)).toEqual(files.map((file) => relative(dir, goldenPathOf(file))).sort());
    });

    it.each(files.map((file) => [file.path, file] as const))("GIVEN %s WHEN compared byte for byte THEN it matches its golden file", (_, file) => {
      expect(file.content).toBe(readFileSync(goldenPathOf(file), "utf8"));
    });
  });

  describe("a change to one node changes exactly that node's file", () => {
    const before = renderTalos(inventory("infra"));

    it("GIVEN infra-02's address changed WHEN rendered THEN only nodes/infra-02.yaml differs and carries the new address", () => {
      const edited = editableCopy(inventory("infra"));
      const node = edited.nodes[1];
      const lan = node?.network.interfaces[0];
      if (node === undefined || lan === undefined) throw new Error("fixture lacks infra-02's first interface");
      lan.addresses[0] = "10.25.11.42/24";

      const after = renderTalos(edited);

      expect(changedPaths(before, after)).toEqual(["talos/infra/nodes/infra-02.yaml"]);
      expect(ipsInLinkConfigs(after.find((file) => file.path.endsWith("infra-02.yaml"))!)).toEqual(["10.25.11.42/24"]);
    });

    it("GIVEN infra-03's install and local disks replaced WHEN rendered THEN only nodes/infra-03.yaml differs and names the new disks", () => {
      const edited = editableCopy(inventory("infra"));
      const node = edited.nodes[2];
      if (node?.disks.local === undefined) throw new Error("fixture lacks infra-03's local disk");
      node.disks.install.selector.serial = "S6PWNJ0T999999X";
      node.disks.local.id = "nvme-SAMSUNG_MZVLB512HBJQ-000L7_S4ENNX0N999999";

      const after = renderTalos(edited);
      const content = after.find((file) => file.path.endsWith("infra-03.yaml"))!.content;

      expect(changedPaths(before, after)).toEqual(["talos/infra/nodes/infra-03.yaml"]);
      expect(content).toContain("serial: S6PWNJ0T999999X");
      expect(content).toContain("/dev/disk/by-id/nvme-SAMSUNG_MZVLB512HBJQ-000L7_S4ENNX0N999999");
    });
  });

  it("GIVEN a node with a 1 TB Ceph disk WHEN rendered THEN no volume references it, while the local disk has a user volume", () => {
    for (const name of clusterNames) {
      const cluster = inventory(name);
      for (const node of cluster.nodes) {
        const file = renderTalos(cluster).find((candidate) => candidate.path.endsWith(`/nodes/${node.hostname}.yaml`))!;
        const volumes = documentsOf(file.content).filter((doc) => doc["kind"] === "UserVolumeConfig");
        expect(node.disks.ceph).toBeDefined();
        expect(file.content).not.toContain(node.disks.ceph!.id);
        expect(volumes.map((doc) => [doc["name"], JSON.stringify(doc["provisioning"])])).toEqual([
          [node.disks.local!.mountName, expect.stringContaining(node.disks.local!.id)],
        ]);
      }
    }
  });
});

describe("peer image mirror (Spegel)", () => {
  it("GIVEN peerImageMirror THEN containerd keeps unpacked layers, and only then", () => {
    const inventory = fixtureInventories()[0]!;
    const withMirror = renderTalos(inventory, { peerImageMirror: true }).find((f) => f.path.endsWith("/cluster.yaml"))!.content;
    const without = renderTalos(inventory).find((f) => f.path.endsWith("/cluster.yaml"))!.content;
    expect(withMirror).toContain("discard_unpacked_layers = false");
    expect(without).not.toContain("discard_unpacked_layers");
    for (const doc of parseAllDocuments(withMirror)) expect(validateTalosDocument(doc.toJS(), inventory.cluster.talosVersion)).toEqual([]);
  });
});

describe("Talos' own CoreDNS", () => {
  it("GIVEN no option THEN the cluster patch disables Talos' CoreDNS; GIVEN keepCoreDns THEN it writes no coreDNS setting (Talos' default: enabled) and still validates", () => {
    const inventory = fixtureInventories()[0]!;
    const clusterPatch = (options: { keepCoreDns?: boolean }) =>
      parseAllDocuments(renderTalos(inventory, options).find((f) => f.path.endsWith("/cluster.yaml"))!.content).map((doc) => doc.toJS());
    expect(clusterPatch({})[0].cluster.coreDNS).toEqual({ disabled: true });
    const kept = clusterPatch({ keepCoreDns: true });
    expect(kept[0].cluster).not.toHaveProperty("coreDNS");
    for (const doc of kept) expect(validateTalosDocument(doc, inventory.cluster.talosVersion)).toEqual([]);
  });
});
