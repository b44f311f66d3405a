import { fc, test } from "@fast-check/vitest";
import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { collectNeeds } from "./collect.js";
import { bucketNeed, databaseNeed, needsBag, oidcClientNeed } from "./needs.js";
import { assertProvided, collectProvided, danglingNeeds } from "./provided.js";

const gitlab = needsBag({
  databases: [databaseNeed({ consumer: "GitLab", database: "gitlabhq_production", owner: "gitlab" })],
  buckets: [bucketNeed({ consumer: "GitLab", bucket: "gitlab-artifacts" })],
  oidcClients: [
    oidcClientNeed({ consumer: "GitLab", clientId: "gitlab", redirectUris: ["https://gitlab.example.net/users/auth/openid_connect/callback"], secretItem: "gitlab-oidc" }),
  ],
});
const harbor = needsBag({
  databases: [databaseNeed({ consumer: "Harbor", database: "harbor", owner: "harbor" })],
  buckets: [bucketNeed({ consumer: "Harbor", bucket: "harbor-registry" })],
});

const messageOf = (call: () => void): string => {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).message;
  }
  return "";
};

describe("collectNeeds", () => {
  it("GIVEN two workloads THEN their needs are joined and sorted by name", () => {
    const all = collectNeeds(harbor, gitlab);
    expect(all.databases.map((d) => d.database)).toEqual(["gitlabhq_production", "harbor"]);
    expect(all.buckets.map((b) => b.bucket)).toEqual(["gitlab-artifacts", "harbor-registry"]);
    expect(all.oidcClients.map((c) => c.clientId)).toEqual(["gitlab"]);
  });

  it("GIVEN the same workload's needs twice THEN identical needs collapse", () => {
    expect(collectNeeds(gitlab, gitlab)).toEqual(collectNeeds(gitlab));
  });

  it("GIVEN two workloads needing one database with different owners THEN it is refused naming both", () => {
    const other = needsBag({ databases: [databaseNeed({ consumer: "Gitea", database: "harbor", owner: "gitea" })] });
    const message = messageOf(() => collectNeeds(harbor, other));
    expect(message).toContain('database "harbor" is needed by Harbor');
    expect(message).toContain("and by Gitea");
  });

  it("GIVEN partial bags THEN missing kinds count as empty", () => {
    expect(collectNeeds({ buckets: harbor.buckets }, {})).toEqual({ databases: [], buckets: harbor.buckets, oidcClients: [] });
  });
});

describe("assertProvided", () => {
  const everything = collectProvided(
    { provided: { databases: ["gitlabhq_production", "harbor"] } },
    { provided: { buckets: ["gitlab-artifacts", "harbor-registry"] } },
    { oidcClients: ["gitlab"] },
  );

  it("GIVEN every need provisioned by its provider THEN it passes", () => {
    expect(() => assertProvided(collectNeeds(gitlab, harbor), everything)).not.toThrow();
  });

  it("GIVEN a database the shared Postgres does not provision THEN the message names consumer, database and provider", () => {
    const provided = { ...everything, databases: ["harbor"] };
    const message = messageOf(() => assertProvided(collectNeeds(gitlab, harbor), provided));
    expect(message).toBe(
      "1 workload need(s) are not provisioned by the component that owns them (dangling references):\n" +
        '  - GitLab needs database "gitlabhq_production" but the shared Postgres does not provision it',
    );
  });

  it("GIVEN a missing bucket and a missing client THEN one error lists both with their providers", () => {
    const provided = { ...everything, buckets: ["gitlab-artifacts"], oidcClients: [] };
    const error = (() => {
      try {
        assertProvided(collectNeeds(gitlab, harbor), provided);
      } catch (e) {
        return e as UserError;
      }
      return undefined;
    })();
    expect(error?.problems).toEqual([
      'Harbor needs bucket "harbor-registry" but the Ceph object store does not provision it',
      'GitLab needs OIDC client "gitlab" but Keycloak does not provision it',
    ]);
  });

  it("GIVEN custom provider names THEN the message uses them", () => {
    const message = messageOf(() => assertProvided(harbor, { buckets: ["harbor-registry"] }, { databases: "the apps Postgres" }));
    expect(message).toContain('Harbor needs database "harbor" but the apps Postgres does not provision it');
  });

  test.prop([fc.subarray(["gitlabhq_production", "harbor", "gitlab-artifacts", "harbor-registry", "gitlab"])])(
    "GIVEN any subset of names provisioned THEN exactly the others dangle",
    (present) => {
      const all = collectNeeds(gitlab, harbor);
      const dangling = danglingNeeds(all, { databases: present, buckets: present, oidcClients: present });
      const names = dangling.map((n) => (n.kind === "database" ? n.database : n.kind === "bucket" ? n.bucket : n.clientId));
      expect(new Set(names)).toEqual(new Set(["gitlabhq_production", "harbor", "gitlab-artifacts", "harbor-registry", "gitlab"].filter((n) => !present.includes(n))));
    },
  );
});

describe("collectProvided", () => {
  it("GIVEN providers listing overlapping names THEN the union is sorted and without duplicates", () => {
    expect(collectProvided({ provided: { databases: ["b", "a"] } }, { databases: ["a"], buckets: ["x"] })).toEqual({
      databases: ["a", "b"],
      buckets: ["x"],
      oidcClients: [],
    });
  });
});
