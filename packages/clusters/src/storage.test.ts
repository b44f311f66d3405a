import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { renderEstate } from "./estate.js";
import { loadInventories } from "./inventory.js";

const { files, clusters } = renderEstate(await loadInventories());
const content = (path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`not rendered: ${path}`);
  return file.content;
};

describe("local volumes", () => {
  for (const cluster of clusters) {
    it(`GIVEN cluster ${cluster} THEN OpenEBS writes hostpath volumes exactly where Talos mounts the local NVMe on every node`, () => {
      const release = parse(content(`kubernetes/infrastructure/${cluster}/storage/openebs/app/helmrelease.yaml`));
      const basePath = release.spec.values["localpv-provisioner"].localpv.basePath as string;
      const nodePatches = files.filter((f) => f.path.startsWith(`talos/${cluster}/nodes/`));
      expect(nodePatches.length).toBe(3);
      for (const patch of nodePatches) {
        const [machineDoc, ...docs] = parseAllDocuments(patch.content).map((d) => d.toJS());
        const mounts = machineDoc.machine.kubelet.extraMounts.map((m: { destination: string }) => m.destination);
        expect(mounts, patch.path).toContain(basePath);
        const volume = docs.find((d) => d.kind === "UserVolumeConfig");
        expect(`/var/mnt/${volume.name}`, patch.path).toBe(basePath);
      }
    });
  }
});
