import { committedOutput, requireSharedData, strictProblems } from "@k8s-gitops/core/testing";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

// The kits as committed in generated/restore, which `pnpm generate --check` proves are the render of
// the current sources: this file imports no component, so the result cache replays it until they change.
const files = committedOutput().files.filter((f) => f.path.startsWith("restore/"));
const docs = (path: string) => parseAllDocuments(files.find((f) => f.path === path)!.content).map((d) => d.toJS());

describe("restore kits", () => {
  it("GIVEN the estate THEN every Postgres cluster has a kit from its object store and one from the off-cluster copy", () => {
    expect(files.map((f) => f.path)).toEqual(["restore/infra/postgres-shared/cluster-store.yaml", "restore/infra/postgres-shared/offsite.yaml"]);
  });

  // Needs ../shared/schemas (crds-catalog for CNPG, barman-cloud and Cilium): fails rather than skips when missing.
  it("GIVEN the kits THEN every object validates strictly against the upstream schemas", () => {
    requireSharedData("schemas");
    expect(strictProblems(files)).toEqual([]);
  });

  it("GIVEN the cluster-store kit THEN the restored cluster recovers the live serverName from the live ObjectStore, never archives, and its allow policies do not replace the estate's", () => {
    const all = docs("restore/infra/postgres-shared/cluster-store.yaml");
    const cluster = all.find((d) => d.kind === "Cluster");
    expect(cluster.metadata).toMatchObject({ name: "postgres-shared-restore", namespace: "databases" });
    expect(cluster.spec.externalClusters[0].plugin.parameters).toEqual({ barmanObjectName: "postgres-shared-backup", serverName: "postgres-shared" });
    expect(cluster.spec.plugins).toBeUndefined();
    const policies = all.filter((d) => d.kind === "CiliumNetworkPolicy").map((d) => d.metadata.name);
    expect(policies.length).toBeGreaterThan(0);
    expect(policies.every((name: string) => name.startsWith("restore-"))).toBe(true);
  });

  it("GIVEN the offsite kit THEN rclone serves the copy read-only from the inventory's NFS export and the restored cluster reads it through its own ObjectStore", () => {
    const all = docs("restore/infra/postgres-shared/offsite.yaml");
    const pv = all.find((d) => d.kind === "PersistentVolume");
    expect(pv.metadata.namespace).toBeUndefined();
    expect(pv.spec.csi.volumeAttributes).toEqual({ server: "10.25.11.5", share: "/volume1/k8s-backups" });
    expect(pv.spec.mountOptions).toContain("ro");
    const server = all.find((d) => d.kind === "Deployment").spec.template.spec.containers[0];
    expect(server.args).toEqual(["serve", "s3", "/offsite/infra/postgres/databases-postgres-shared", "--addr=:8080", "--read-only"]);
    const store = all.find((d) => d.kind === "ObjectStore");
    expect(store.spec.configuration.endpointURL).toBe("http://postgres-shared-offsite-s3.databases.svc:8080");
    expect(all.find((d) => d.kind === "Cluster").spec.externalClusters[0].plugin.parameters.barmanObjectName).toBe(store.metadata.name);
  });
});
