import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineComponent, ref, renderCluster, renderSharedTrees, UserError, type GeneratedFile } from "@k8s-gitops/core";
import { ConfigMap } from "kubernetes-models/v1";
import { estateOutputDir, fixtureContext, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { snapshotController } from "../snapshot-controller/index.js";
import { rookCephCluster, rookCephOperator } from "./index.js";
import { documentsOf, mutableCopy, ofKind, renderWithShared, rookComponents, withInventory } from "./testing/support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
type ClusterName = "infra" | "apps";

/** Operator + Ceph cluster (+ the snapshot-controller the snapshot stage refers to) of one cluster. */
function render(cluster: ClusterName, props = {}): GeneratedFile[] {
  const { snapshots, operator, cluster: ceph } = rookComponents(fixtureContext(cluster), props);
  return renderWithShared(cluster, [snapshots, operator, ceph]);
}
const ownFiles = (files: GeneratedFile[]) => files.filter((f) => !f.path.includes("/snapshot-controller/"));
const cephClusterOf = (files: GeneratedFile[]) => ofKind(files, "CephCluster")[0]!;
const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, any>;

describe("rookCephOperator + rookCephCluster", () => {
  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN the render matches the golden files", (cluster) => {
    expect(matchGolden(join(here, "__golden__", cluster), ownFiles(render(cluster)), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN both renders THEN every document (Ceph CRs included) passes strict schema validation", () => {
    expect([...strictProblems(render("infra")), ...strictProblems(render("apps"))]).toEqual([]);
  });

  it("GIVEN a misspelled CephCluster field THEN strict validation against the ceph.rook.io schema rejects it", () => {
    const problems = strictProblems(render("infra", { spec: { dashboard: { sslPort: 8443 } } as never }));
    expect(problems).toEqual([expect.stringMatching(/cephcluster\.yaml: .*CephCluster.*sslPort/)]);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(render("infra"))).toEqual([]);
  });

  it.each(["infra", "apps"] as const)("GIVEN the %s inventory THEN the OSDs are exactly each node's Ceph disk, by id", (cluster) => {
    const { inventory } = fixtureContext(cluster);
    const storage = cephClusterOf(render(cluster)).spec.storage;
    expect(storage).toMatchObject({ useAllNodes: false, useAllDevices: false });
    const expected = inventory.nodes.filter((n) => n.disks.ceph).map((n) => [n.hostname, [`/dev/disk/by-id/${n.disks.ceph!.id}`]]);
    expect(storage.nodes.map((n: any) => [n.name, n.devices.map((d: any) => d.name)])).toEqual(expected);
    expect(expected.length).toBe(inventory.nodes.length);
  });

  it("GIVEN one node's Ceph disk id changes THEN exactly that node's OSD entry changes and no other file", () => {
    const context = fixtureContext("infra");
    const inventory = mutableCopy(context.inventory);
    inventory.nodes[1].disks.ceph.id = "nvme-Samsung_SSD_990_PRO_1TB_S7DRNJ0W999999Z";
    const before = render("infra");
    const { snapshots, operator, cluster } = rookComponents(withInventory(context, inventory));
    const after = renderWithShared("infra", [snapshots, operator, cluster]);

    const changed = after.filter((f) => before.find((b) => b.path === f.path)?.content !== f.content).map((f) => f.path);
    expect(changed).toEqual([expect.stringMatching(/\/rook-ceph-cluster\/cluster\/cephcluster\.yaml$/)]);
    const [old, updated] = [cephClusterOf(before), cephClusterOf(after)];
    expect(updated.spec.storage.nodes[1].devices).toEqual([{ name: `/dev/disk/by-id/${inventory.nodes[1].disks.ceph.id}` }]);
    expect(updated.spec.storage.nodes.filter((_: unknown, i: number) => i !== 1)).toEqual(old.spec.storage.nodes.filter((_: unknown, i: number) => i !== 1));
    const withoutNodes = (c: any) => ({ ...c, spec: { ...c.spec, storage: { ...c.spec.storage, nodes: [] } } });
    expect(withoutNodes(updated)).toEqual(withoutNodes(old));
  });

  it("GIVEN infra and apps THEN their Ceph objects differ only in the OSD nodes and the dashboard hostname", () => {
    const infra = rookComponents(fixtureContext("infra")).cluster;
    const apps = rookComponents(fixtureContext("apps")).cluster;
    const differing = infra.stages.flatMap((stage, s) =>
      stage.resources.flatMap((resource, r) => {
        const other = apps.stages[s]!.resources[r]!;
        return JSON.stringify(json(resource)) === JSON.stringify(json(other)) ? [] : [resource.kind];
      }),
    );
    expect(differing).toEqual(["CephCluster", "HTTPRoute"]);
    const [infraCeph, appsCeph] = [json(infra.stages[0]!.resources[0]), json(apps.stages[0]!.resources[0])];
    expect({ ...infraCeph.spec, storage: null }).toEqual({ ...appsCeph.spec, storage: null });
    const [infraRoute, appsRoute] = [json(infra.stages[0]!.resources[1]), json(apps.stages[0]!.resources[1])];
    expect(infraRoute.spec.hostnames).toEqual([`ceph.${fixtureContext("infra").inventory.cluster.domains.internal}`]);
    expect(appsRoute.spec.hostnames).toEqual([`ceph.${fixtureContext("apps").inventory.cluster.domains.internal}`]);
  });

  it("GIVEN a spec override THEN sibling defaults are kept and the OSDs still come from the inventory", () => {
    const files = render("infra", { spec: { mgr: { count: 3 }, storage: { nodes: [] } } });
    const spec = cephClusterOf(files).spec;
    const defaults = cephClusterOf(render("infra")).spec;
    expect(spec.mgr).toEqual({ ...defaults.mgr, count: 3 });
    expect(spec.mon).toEqual(defaults.mon);
    expect(spec.storage).toEqual(defaults.storage);
  });

  it("GIVEN replicas THEN every pool keeps that many copies on distinct hosts", () => {
    const files = render("infra", { replicas: 2 });
    const pools = [...ofKind(files, "CephBlockPool"), ...ofKind(files, "CephObjectStore").flatMap((s) => [s.spec.metadataPool, s.spec.dataPool]).map((spec) => ({ spec })), ...ofKind(files, "CephFilesystem").flatMap((f) => [f.spec.metadataPool, ...f.spec.dataPools]).map((spec) => ({ spec }))];
    expect(pools.length).toBe(5);
    for (const pool of pools) expect(pool.spec).toMatchObject({ failureDomain: "host", replicated: { size: 2 } });
  });

  it("GIVEN more replicas than nodes with a Ceph disk THEN the builder refuses them, naming the prop, the value and the nodes", () => {
    const context = fixtureContext("infra");
    const build = () => rookCephCluster(context, { operator: { name: "rook-ceph", namespace: "rook-ceph" }, replicas: 4 });
    expect(build).toThrow(UserError);
    expect(build).toThrow(/props\.replicas 4 needs that many nodes with a Ceph disk .*found 3: \["infra-01","infra-02","infra-03"\]/);
    for (const replicas of [0, 2.5]) {
      expect(() => rookCephCluster(context, { operator: { name: "rook-ceph", namespace: "rook-ceph" }, replicas })).toThrow(
        `props.replicas must be a positive integer, got ${replicas}`,
      );
    }
  });

  it("GIVEN an inventory where a node lost its Ceph disk THEN the default three copies are refused with the inventory field", () => {
    const context = fixtureContext("apps");
    const inventory = mutableCopy(context.inventory);
    delete inventory.nodes[2].disks.ceph;
    expect(() => rookComponents(withInventory(context, inventory))).toThrow(/inventory nodes\[\]\.disks\.ceph: .*found 2: \["apps-01","apps-02"\]/);
  });

  it("GIVEN the operator's CSI drivers release THEN every Ceph StorageClass and snapshot class uses a driver it enables", () => {
    const files = render("infra");
    const drivers = ofKind(files, "HelmRelease").find((r) => r.metadata.name === "ceph-csi-drivers")!.spec.values.drivers;
    const enabled = Object.values(drivers as Record<string, { enabled: boolean; name: string; snapshotPolicy?: string }>).filter((d) => d.enabled);
    const cephClasses = ofKind(files, "StorageClass").filter((sc) => sc.provisioner.includes(".csi.ceph.com"));
    expect(cephClasses.length).toBe(2);
    for (const sc of cephClasses) expect(enabled.map((d) => d.name)).toContain(sc.provisioner);
    for (const vsc of ofKind(files, "VolumeSnapshotClass")) {
      expect(enabled.find((d) => d.name === vsc.driver)?.snapshotPolicy).toBe("volumeSnapshot");
    }
  });

  it("GIVEN the render THEN the StorageClasses name the pools, filesystem and object store that are rendered", () => {
    const files = render("infra");
    const byName = (kind: string) => ofKind(files, kind).map((d) => d.metadata.name);
    const classes = Object.fromEntries(ofKind(files, "StorageClass").map((sc) => [sc.metadata.name, sc]));
    expect(byName("CephBlockPool")).toContain(classes["ceph-block"].parameters.pool);
    expect(byName("CephFilesystem")).toContain(classes["ceph-filesystem"].parameters.fsName);
    const fs = ofKind(files, "CephFilesystem")[0]!;
    expect(classes["ceph-filesystem"].parameters.pool).toBe(`${fs.metadata.name}-${fs.spec.dataPools[0].name}`);
    expect(byName("CephObjectStore")).toContain(classes["ceph-bucket"].parameters.objectStoreName);
    expect(classes["ceph-block"].metadata.annotations["storageclass.kubernetes.io/is-default-class"]).toBe("true");
    expect(classes["ceph-block"]).toMatchObject({ reclaimPolicy: "Delete", allowVolumeExpansion: true });
  });

  it("GIVEN the dashboard route THEN it targets the port the CephCluster serves the dashboard on, through the internal Gateway", () => {
    const files = render("infra");
    const dashboard = cephClusterOf(files).spec.dashboard;
    const route = ofKind(files, "HTTPRoute")[0]!;
    expect(dashboard).toMatchObject({ enabled: true, ssl: false });
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: "rook-ceph-mgr-dashboard", port: dashboard.port }]);
    expect(route.spec.parentRefs).toEqual([{ name: "internal", namespace: "kube-system", sectionName: "https" }]);
  });

  it("GIVEN the Flux Kustomizations THEN the Ceph cluster waits for the CSI drivers, is healthy on HEALTH_OK/WARN, and snapshot classes wait for snapshot-controller", () => {
    const ks = documentsOf(render("infra")).filter(({ path }) => path.endsWith("/rook-ceph-cluster/ks.yaml")).map(({ doc }) => doc);
    const [cluster, storage, snapshots] = [ks[0]!, ks[1]!, ks[2]!];
    expect(cluster.spec.dependsOn).toEqual([{ name: "rook-ceph-csi", namespace: "rook-ceph" }]);
    expect(cluster.spec.timeout).toBe("15m");
    expect(cluster.spec.healthChecks).toEqual([{ apiVersion: "ceph.rook.io/v1", kind: "CephCluster", name: "rook-ceph", namespace: "rook-ceph" }]);
    expect(cluster.spec.healthCheckExprs[0]).toMatchObject({ failed: "status.ceph.health == 'HEALTH_ERR'" });
    expect(storage.spec.dependsOn).toEqual([{ name: "rook-ceph-cluster", namespace: "rook-ceph" }]);
    expect(snapshots.spec.dependsOn).toContainEqual({ name: "snapshot-controller", namespace: "kube-system" });
  });

  it("GIVEN toolbox on THEN a valid toolbox Deployment runs the cluster's own Ceph image", () => {
    const files = render("infra", { toolbox: true, cephImage: "quay.io/ceph/ceph:v20.2.5" });
    const [tools] = ofKind(files, "Deployment");
    expect(tools?.spec.template.spec.containers[0].image).toBe(cephClusterOf(files).spec.cephVersion.image);
    expect(cephClusterOf(files).spec.cephVersion.image).toBe("quay.io/ceph/ceph:v20.2.5");
    expect(ofKind(render("infra"), "Deployment")).toEqual([]);
    expect(strictProblems(files)).toEqual([]);
  });

  it("GIVEN the Gateway API CRDs component THEN the cluster stage (with the dashboard route) waits for it too", () => {
    const context = fixtureContext("infra");
    const crds = defineComponent({ name: "gateway-api", namespace: "kube-system", area: "infrastructure", category: "network", stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "stub" } })] }] });
    const operator = rookCephOperator(context);
    const ceph = rookCephCluster(context, { operator: ref(operator), gatewayApiCrds: ref(crds) });
    const files = renderCluster({ name: "infra", components: [crds, operator, ceph] });
    const first = documentsOf(files).find(({ path, doc }) => path.endsWith("/rook-ceph-cluster/ks.yaml") && doc.metadata.name === "rook-ceph-cluster")!.doc;
    expect(first.spec.dependsOn).toEqual([{ name: "gateway-api", namespace: "kube-system" }, { name: "rook-ceph-csi", namespace: "rook-ceph" }]);
  });

  it("GIVEN no snapshot-controller THEN there is no snapshot stage, so nothing needs the snapshot CRDs", () => {
    const context = fixtureContext("infra");
    const operator = rookCephOperator(context);
    const cluster = rookCephCluster(context, { operator: ref(operator) });
    expect(cluster.stages.map((s) => s.name)).toEqual(["cluster", "storage"]);
    expect(() => renderCluster({ name: "infra", components: [operator, cluster] })).not.toThrow();
  });

  it("GIVEN both clusters THEN they share one identical operator base, and a per-cluster operator override is refused", () => {
    const clusters = (["infra", "apps"] as const).map((name) => ({ name, components: Object.values(rookComponents(fixtureContext(name))) }));
    const shared = renderSharedTrees(clusters);
    expect(shared.map((f) => f.path)).toContain("kubernetes/bases/rook-ceph-operator/helmrelease.yaml");
    const snapshots = snapshotController(fixtureContext("apps"));
    const divergent = rookCephOperator(fixtureContext("apps"), { values: { monitoring: { enabled: false } } });
    const apps = { name: "apps", components: [snapshots, divergent, rookCephCluster(fixtureContext("apps"), { operator: ref(divergent) })] };
    expect(() => renderSharedTrees([clusters[0]!, apps])).toThrow(/base rook-ceph-operator differs between/);
  });
});
