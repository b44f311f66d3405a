import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { mutableCopy, ofKind, withInventory } from "../rook-ceph/testing/support.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, csiDriverNfs, type CsiDriverNfsProps, defaultMountOptions } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (context: ClusterContext, props: CsiDriverNfsProps = {}): GeneratedFile[] =>
  renderCluster({ name: context.inventory.cluster.name, components: [csiDriverNfs(context, props)] });
const classes = (files: GeneratedFile[]) => ofKind(files, "StorageClass");

describeChartComponent("csiDriverNfs", {
  dir: here,
  clusters: ["infra"],
  render: (c) => render(fixtureContext(c)),
  charts: [{ chart }],
});

describe("csiDriverNfs", () => {
  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN there is one StorageClass per export: `nfs` for the first, `nfs-<name>` after", (name) => {
    const nfs = fixtureContext(name).inventory.external.nfs!;
    const rendered = classes(render(fixtureContext(name)));
    const expected = nfs.exports.map((e, i) => ({ name: i === 0 ? "nfs" : `nfs-${e.name}`, server: nfs.address, share: e.path }));
    const actual = rendered.map((sc) => ({ name: sc.metadata.name, server: sc.parameters.server, share: sc.parameters.share }));
    expect(actual.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
    for (const sc of rendered) expect(sc).toMatchObject({ provisioner: "nfs.csi.k8s.io", mountOptions: [...defaultMountOptions], reclaimPolicy: "Retain" });
    expect(defaultMountOptions).toContain("nfsvers=4.1");
  });

  it("GIVEN a read-only export and a new server address THEN only that export mounts read-only and every class follows the address", () => {
    const context = fixtureContext("infra");
    const inventory = mutableCopy(context.inventory);
    inventory.external.nfs.address = "10.25.11.6";
    inventory.external.nfs.exports[1].readOnly = true;
    const rendered = classes(render(withInventory(context, inventory)));
    const byShare = (share: string) => rendered.find((sc) => sc.parameters.share === share)!;
    expect(byShare(inventory.external.nfs.exports[1].path).mountOptions).toEqual([...defaultMountOptions, "ro"]);
    expect(byShare(inventory.external.nfs.exports[0].path).mountOptions).toEqual([...defaultMountOptions]);
    expect(new Set(rendered.map((sc) => sc.parameters.server))).toEqual(new Set(["10.25.11.6"]));
  });

  it("GIVEN an inventory without an NFS server THEN only the driver is installed", () => {
    const context = fixtureContext("infra");
    const inventory = mutableCopy(context.inventory);
    delete inventory.external.nfs;
    const files = render(withInventory(context, inventory));
    expect(classes(files)).toEqual([]);
    expect(ofKind(files, "HelmRelease").map((r) => r.metadata.name)).toEqual(["csi-driver-nfs"]);
  });

  it("GIVEN a values override THEN sibling defaults are kept (no second snapshot controller, no chart StorageClass)", () => {
    const values = ofKind(render(fixtureContext("infra"), { values: { controller: { replicas: 3 } } }), "HelmRelease")[0]!.spec.values;
    expect(values.controller.replicas).toBe(3);
    expect(values.externalSnapshotter).toEqual({ enabled: false, customResourceDefinitions: { enabled: false } });
    expect(values.storageClass).toEqual({ create: false });
  });
});
