import { assertProvided, collectNeeds, collectProvided, databaseNeed, bucketNeed, type HasNeeds } from "@k8s-gitops/components/needs";
import { UserError, type Component } from "@k8s-gitops/core";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { appsNeeds } from "./apps.js";
import { buildClusters, renderEstate } from "./estate.js";
import type { InfraCluster } from "./infra.js";
import { loadInventories } from "./inventory.js";

const inventories = await loadInventories();
const clusters = buildClusters(inventories);
const infra = clusters.find((c) => c.name === "infra") as InfraCluster;
const apps = clusters.find((c) => c.name === "apps")!;
const { files } = renderEstate(inventories);

/** Every rendered document of a kind under a cluster's tree. */
function rendered(cluster: string, kind: string): Record<string, any>[] {
  return files
    .filter((f) => new RegExp(`^kubernetes/[^/]+/${cluster}/`).test(f.path) && f.path.endsWith(".yaml"))
    .flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS()))
    .filter((doc) => doc?.kind === kind);
}

const consumers = (cluster: { components: readonly Component[] }) =>
  cluster.components.filter((c): c is Component & HasNeeds => "needs" in c && typeof (c as Partial<HasNeeds>).needs === "object");

describe("workload needs across the estate", () => {
  const needs = collectNeeds(...consumers(apps).map((c) => c.needs), ...consumers(infra).map((c) => c.needs));

  it("GIVEN the built clusters THEN GitLab and Harbor run on apps and Keycloak on infra, each with needs", () => {
    expect(consumers(apps).map((c) => c.name).sort()).toEqual(["gitlab", "harbor"]);
    expect(infra.components.map((c) => c.name)).toContain("keycloak");
    expect(needs.databases.length).toBeGreaterThanOrEqual(3);
    expect(needs.buckets.length).toBeGreaterThanOrEqual(2);
    expect(needs.oidcClients.map((n) => n.clientId).sort()).toEqual(["gitlab", "harbor"]);
  });

  it("GIVEN every database the workloads need THEN the shared Postgres on infra renders a Database CR owned by the right role", () => {
    const databases = rendered("infra", "Database").map((d) => ({ name: d.spec.name, owner: d.spec.owner }));
    for (const need of needs.databases) expect(databases, need.consumer).toContainEqual({ name: need.database, owner: need.owner });
    const roles = rendered("infra", "Cluster").flatMap((c) => (c.spec.managed?.roles ?? []).map((r: { name: string }) => r.name));
    for (const need of needs.databases) expect(roles).toContain(need.owner);
  });

  it("GIVEN every bucket the workloads need THEN infra claims it on the Ceph object store", () => {
    const buckets = rendered("infra", "ObjectBucketClaim").map((c) => c.spec.bucketName);
    for (const need of needs.buckets) expect(buckets, need.consumer).toContain(need.bucket);
  });

  it("GIVEN every OIDC client the workloads need (and Grafana's) THEN the Keycloak realm import defines it with the same redirect URIs", () => {
    const [realm] = rendered("infra", "KeycloakRealmImport");
    const clients = new Map<string, any>(realm!.spec.realm.clients.map((c: { clientId: string }) => [c.clientId, c]));
    expect([...clients.keys()]).toContain("grafana");
    for (const need of needs.oidcClients) expect(clients.get(need.clientId)?.redirectUris, need.clientId).toEqual([...need.redirectUris]);
  });

  it("GIVEN what apps declares before infra is built THEN it equals what the built workloads ask for", () => {
    const declared = collectNeeds(...appsNeeds({ inventory: apps.inventory, inventories }));
    expect(declared).toEqual(collectNeeds(...consumers(apps).map((c) => c.needs)));
  });

  it("GIVEN a need nobody provisions THEN assertProvided names the consumer and what is missing", () => {
    const providers = collectProvided(infra.exports.postgres, infra.exports.keycloak);
    const extra = collectNeeds({
      databases: [databaseNeed({ consumer: "Mattermost", database: "mattermost", owner: "mattermost" })],
      buckets: [bucketNeed({ consumer: "Mattermost", bucket: "mattermost-files" })],
      oidcClients: [],
    });
    expect(() => assertProvided(extra, providers)).toThrow(UserError);
    expect(() => assertProvided(extra, providers)).toThrow('Mattermost needs database "mattermost" but the shared Postgres does not provision it');
    expect(() => assertProvided(extra, providers)).toThrow('Mattermost needs bucket "mattermost-files" but the Ceph object store does not provision it');
  });
});
