import type { Cluster, Component } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { postgresBackupProblems } from "./backups.js";
import { buildClusters } from "./estate.js";
import { loadInventories } from "./inventory.js";

const inventories = await loadInventories();
const estate = buildClusters(inventories);

const kindOf = (r: unknown) => (r as { kind?: string }).kind;
const nameOf = (r: unknown) => (r as { metadata?: { name?: string } }).metadata?.name ?? "";
const postgresComponents = (clusters: readonly Cluster[]) =>
  clusters.flatMap((c) => c.components.filter((comp) => comp.stages.some((s) => s.resources.some((r) => kindOf(r) === "Cluster"))).map((comp) => `${c.name}/${comp.name}`));

/** The estate with the resources `drop` selects removed from every component. */
function without(clusters: readonly Cluster[], drop: (resource: unknown) => boolean): Cluster[] {
  return clusters.map((c) => ({
    ...c,
    components: c.components.map((comp): Component => ({ ...comp, stages: comp.stages.map((s) => ({ ...s, resources: s.resources.filter((r) => !drop(r)) })) })),
  }));
}

describe("backups that survive the cluster", () => {
  it("GIVEN the estate THEN it has Postgres clusters, and every one has an off-cluster copy and a scheduled restore test", () => {
    expect(postgresComponents(estate)).toEqual(["infra/postgres-shared"]);
    expect(postgresBackupProblems(estate)).toEqual([]);
  });

  it("GIVEN an infra inventory without external.offsiteBackup WHEN the estate is built THEN the Postgres cluster is named as having no off-cluster copy", () => {
    const bare = inventories.map((inv) => (inv.cluster.name === "infra" ? { ...inv, external: { ...inv.external, offsiteBackup: undefined } } : inv));
    expect(postgresBackupProblems(buildClusters(bare))).toEqual([
      'cluster infra: Postgres cluster databases/postgres-shared has no off-cluster copy of its backups (a CronJob syncing bucket "cnpg-databases-postgres-shared" to the NFS server outside the clusters; declare external.offsiteBackup in the inventory of cluster infra)',
    ]);
  });

  it("GIVEN a Postgres cluster whose restore test is gone THEN it is named", () => {
    const clusters = without(estate, (r) => kindOf(r) === "CronJob" && nameOf(r).endsWith("-restore-test"));
    expect(postgresBackupProblems(clusters)).toEqual([
      "cluster infra: Postgres cluster databases/postgres-shared has no scheduled restore test (a CronJob creating a Cluster that recovers from postgres-shared-backup/postgres-shared)",
    ]);
  });

  it("GIVEN an NFS server that is a node of a cluster THEN a copy onto it does not count as off-cluster", () => {
    const onNode = inventories.map((inv) => (inv.external.nfs ? { ...inv, external: { ...inv.external, nfs: { ...inv.external.nfs, address: "10.25.11.11" } } } : inv));
    expect(postgresBackupProblems(buildClusters(onNode))[0]).toContain("databases/postgres-shared has no off-cluster copy");
  });

  it("GIVEN the estate THEN every user-data bucket the object store provisions is synced to the off-cluster NFS server by a copy job", () => {
    const infra = estate.find((c) => c.name === "infra")!;
    const tenants = infra.components.find((c) => c.name === "object-storage-tenants")!;
    const resources = tenants.stages.flatMap((s) => s.resources) as unknown as { kind: string; spec: Record<string, any>; metadata: { name: string } }[];
    const buckets = resources.filter((r) => r.kind === "ObjectBucketClaim").map((r) => r.spec.bucketName as string);
    expect(buckets).toEqual(expect.arrayContaining(["gitlab-uploads", "harbor-registry"]));
    const scripts = resources.filter((r) => r.kind === "CronJob").map((r) => r.spec.jobTemplate.spec.template.spec.containers[0].command[2] as string).join("\n");
    for (const bucket of buckets) expect(scripts, bucket).toContain(`rclone sync "source:${bucket}" "/offsite/infra/buckets/${bucket}/current"`);
    const servers = resources.filter((r) => r.kind === "PersistentVolume").map((r) => r.spec.csi.volumeAttributes.server);
    expect(new Set(servers)).toEqual(new Set([infra.inventory.external.nfs?.address]));
  });
});
