import { describe, expect, it } from "vitest";
import { canVerify, minimalTree, verifyFiles } from "./test-support.js";

describe.skipIf(!canVerify())("talos", () => {
  it("GIVEN a Talos patch with a misspelled field THEN the Talos schema of the header's version rejects it", async () => {
    const files = minimalTree();
    files["talos/demo/cluster.yaml"] = files["talos/demo/cluster.yaml"]!.replace("clusterName: demo", "clusterNam: demo");
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual(['talos: talos/demo/cluster.yaml: /cluster: must NOT have additional properties ("clusterNam")']);
  });

  it("GIVEN a multi-document node file with an unknown document kind THEN the document is named", async () => {
    const files = minimalTree();
    files["talos/demo/nodes/demo-01.yaml"] = "# node demo-01, Talos v1.13.9\n---\nmachine:\n  install:\n    disk: /dev/sda\n---\napiVersion: v1alpha1\nkind: HostnameConfigg\nhostname: demo-01\n";
    const { lines, report } = await verifyFiles(files);
    expect(lines).toEqual(['talos: talos/demo/nodes/demo-01.yaml: document 2: /kind: unknown Talos v1.13.9 document kind "HostnameConfigg"']);
    expect(report.counts.talosDocuments).toBe(3);
  });

  it("GIVEN a Talos file without a version in its header THEN no schema can be picked and that is the problem", async () => {
    const files = minimalTree();
    files["talos/demo/cluster.yaml"] = "cluster:\n  clusterName: demo\n";
    const { lines } = await verifyFiles(files);
    expect(lines).toEqual(["talos: talos/demo/cluster.yaml: the header does not name the Talos version (`Talos vX.Y.Z`), so no schema can be chosen"]);
  });
});
