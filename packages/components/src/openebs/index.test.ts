import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, UserError, type ClusterContext, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { mutableCopy, ofKind, withInventory } from "../rook-ceph/testing/support.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, localVolumePath, openebs, type OpenebsProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (context: ClusterContext, props: OpenebsProps = {}): GeneratedFile[] =>
  renderCluster({ name: context.inventory.cluster.name, components: [openebs(context, props)] });
const release = (files: GeneratedFile[]) => ofKind(files, "HelmRelease")[0]!;
const basePathOf = (files: GeneratedFile[]) => release(files).spec.values["localpv-provisioner"].localpv.basePath as string;
const storageClassBasePath = (files: GeneratedFile[]) =>
  /- name: BasePath\n\s+value: "([^"]+)"/.exec(ofKind(files, "StorageClass")[0]!.metadata.annotations["cas.openebs.io/config"])?.[1];

describeChartComponent("openebs", {
  dir: here,
  clusters: ["infra"],
  render: (c) => render(fixtureContext(c)),
  charts: [
    {
      chart,
      noArchive: "openebs 4.4.0: its source and dependency charts are not available offline (../shared/charts/README.md)",
    },
  ],
});

describe("openebs", () => {
  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN the provisioner and the StorageClass use the Talos mount path of every node's local disk", (name) => {
    const context = fixtureContext(name);
    const files = render(context);
    for (const node of context.inventory.nodes) expect(basePathOf(files)).toBe(localVolumePath(node.disks.local!));
    expect(storageClassBasePath(files)).toBe(basePathOf(files));
  });

  it("GIVEN every node's local volume renamed in the inventory THEN the base path follows", () => {
    const context = fixtureContext("infra");
    const inventory = mutableCopy(context.inventory);
    for (const node of inventory.nodes) node.disks.local.mountName = "fast-local";
    const files = render(withInventory(context, inventory));
    expect(basePathOf(files)).toBe(localVolumePath({ mountName: "fast-local" }));
    expect(basePathOf(files)).not.toBe(basePathOf(render(context)));
    expect(storageClassBasePath(files)).toBe(basePathOf(files));
  });

  it("GIVEN nodes that mount their local volume under different names THEN the builder refuses it, naming the nodes and paths", () => {
    const context = fixtureContext("apps");
    const inventory = mutableCopy(context.inventory);
    inventory.nodes[2].disks.local.mountName = "other";
    const build = () => openebs(withInventory(context, inventory));
    expect(build).toThrow(UserError);
    expect(build).toThrow(/mountName must be the same on every node[\s\S]*nodes \["apps-03"\]: disks\.local\.mountName gives "\/var\/mnt\/other"/);
  });

  it("GIVEN no node with a local disk THEN the builder refuses it instead of filling the system disk", () => {
    const context = fixtureContext("infra");
    const inventory = mutableCopy(context.inventory);
    for (const node of inventory.nodes) delete node.disks.local;
    expect(() => openebs(withInventory(context, inventory))).toThrow("inventory of cluster infra: no node has nodes[].disks.local");
  });

  it("GIVEN a values override THEN sibling defaults (base path, engines off, snapshot CRDs off) are kept", () => {
    const files = render(fixtureContext("infra"), { values: { "localpv-provisioner": { analytics: { enabled: true } } } });
    const values = release(files).spec.values;
    expect(values["localpv-provisioner"].analytics).toEqual({ enabled: true });
    expect(basePathOf(files)).toBe(basePathOf(render(fixtureContext("infra"))));
    expect(values["openebs-crds"].csi.volumeSnapshots).toEqual({ enabled: false, keep: false });
    expect(values.engines.replicated.mayastor.enabled).toBe(false);
  });

  it("GIVEN the release THEN chart hooks are disabled on install and upgrade, and the StorageClass binds on first consumer", () => {
    const files = render(fixtureContext("infra"));
    expect(release(files).spec.install.disableHooks).toBe(true);
    expect(release(files).spec.upgrade.disableHooks).toBe(true);
    const sc = ofKind(files, "StorageClass")[0]!;
    expect(sc).toMatchObject({ volumeBindingMode: "WaitForFirstConsumer", provisioner: "openebs.io/local" });
    expect(sc.metadata.annotations["storageclass.kubernetes.io/is-default-class"]).toBeUndefined();
  });
});
