import { describe, expect, it } from "vitest";
import { postgresNames } from "./names.js";
import { restoreTest, restoreTestQuery } from "./restore-test.js";

const settings = {
  names: postgresNames("pg"),
  namespace: "databases",
  imageName: "ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie",
  storage: { size: "20Gi", storageClass: "openebs-hostpath" },
  memory: "2Gi",
  databases: ["keycloak", "harbor"],
  schedule: "0 6 * * 0",
  timeoutMinutes: 120,
};
const objects = restoreTest(settings, "pg");
const byKind = (kind: string) => objects.find((o) => o.kind === kind) as unknown as { [key: string]: any };

describe("restoreTest", () => {
  it("GIVEN a cluster THEN the throwaway cluster recovers from the live ObjectStore and serverName and never archives", () => {
    const cluster = JSON.parse(byKind("ConfigMap").data["cluster.json"]);
    expect(cluster.metadata.name).toBe("pg-restore-test");
    expect(cluster.spec.bootstrap).toEqual({ recovery: { source: "origin" } });
    expect(cluster.spec.externalClusters).toEqual([{ name: "origin", plugin: { name: "barman-cloud.cloudnative-pg.io", parameters: { barmanObjectName: "pg-backup", serverName: "pg" } } }]);
    expect(cluster.spec.plugins).toBeUndefined();
  });

  it("GIVEN a cluster THEN the Role binds everything but create to the throwaway cluster and its one pod", () => {
    const rules = byKind("Role").rules as { resources: string[]; verbs: string[]; resourceNames?: string[] }[];
    for (const rule of rules) {
      if (rule.verbs.length === 1 && rule.verbs[0] === "create" && rule.resources[0] === "clusters") continue;
      expect(rule.resourceNames, JSON.stringify(rule)).toEqual([rule.resources[0] === "clusters" ? "pg-restore-test" : "pg-restore-test-1"]);
    }
    expect(byKind("RoleBinding").subjects).toEqual([{ kind: "ServiceAccount", name: "pg-restore-test", namespace: "databases" }]);
  });

  it("GIVEN a cluster THEN the steps run in order: remove a leftover, create, wait, query; then delete", () => {
    const pod = byKind("CronJob").spec.jobTemplate.spec.template.spec;
    expect(pod.initContainers.map((c: { name: string }) => c.name)).toEqual(["remove-leftover", "create", "wait-ready", "query"]);
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(["delete"]);
    expect(pod.initContainers[2].command).toContain("--timeout=120m");
    expect(byKind("CronJob").spec.jobTemplate.spec.backoffLimit).toBe(0);
  });

  it("GIVEN the databases THEN the query divides by zero unless every one was restored", () => {
    expect(restoreTestQuery(["keycloak", "harbor"])).toBe("SELECT 1 / (count(*) = 2)::int AS restored FROM pg_database WHERE datname IN ('harbor', 'keycloak')");
  });
});
