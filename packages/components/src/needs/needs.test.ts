import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { bucketNeed, databaseNeed, needsBag, oidcClientNeed } from "./needs.js";

const gitlabClient = {
  consumer: "GitLab",
  clientId: "gitlab",
  redirectUris: ["https://gitlab.apps.lab.example.net/users/auth/openid_connect/callback"],
  secretItem: "gitlab-oidc",
} as const;

describe("databaseNeed", () => {
  it("GIVEN valid names THEN the need carries them with its kind", () => {
    expect(databaseNeed({ consumer: "GitLab", database: "gitlabhq_production", owner: "gitlab" })).toEqual({
      kind: "database",
      consumer: "GitLab",
      database: "gitlabhq_production",
      owner: "gitlab",
    });
  });

  it("GIVEN a database name PostgreSQL would fold to lowercase THEN it is refused naming the value", () => {
    const call = () => databaseNeed({ consumer: "GitLab", database: "GitLab", owner: "gitlab" });
    expect(call).toThrow(UserError);
    expect(call).toThrow('database must be a lowercase PostgreSQL identifier (a-z, 0-9, \'_\', at most 63), got "GitLab"');
  });

  it("GIVEN an owner with a dash THEN it is refused naming the owner field", () => {
    expect(() => databaseNeed({ consumer: "Harbor", database: "harbor", owner: "harbor-core" })).toThrow(/owner must be .* got "harbor-core"/);
  });

  it("GIVEN an empty consumer THEN it is refused, because errors could not say who needs it", () => {
    expect(() => databaseNeed({ consumer: " ", database: "harbor", owner: "harbor" })).toThrow(/consumer must name the workload/);
  });
});

describe("bucketNeed", () => {
  it("GIVEN a valid bucket THEN the need carries it", () => {
    expect(bucketNeed({ consumer: "Harbor", bucket: "harbor-registry" })).toEqual({ kind: "bucket", consumer: "Harbor", bucket: "harbor-registry" });
  });

  it.each(["ab", "Harbor", "harbor_registry", "harbor.registry", "-harbor"])("GIVEN the bucket name %s THEN it is refused", (bucket) => {
    expect(() => bucketNeed({ consumer: "Harbor", bucket })).toThrow(UserError);
    expect(() => bucketNeed({ consumer: "Harbor", bucket })).toThrow(JSON.stringify(bucket));
  });
});

describe("oidcClientNeed", () => {
  it("GIVEN a confidential client without web origins THEN it defaults to no CORS origins and keeps the secret item", () => {
    const need = oidcClientNeed(gitlabClient);
    expect(need.publicClient).toBe(false);
    expect(need.webOrigins).toEqual([]);
    expect(need.secretItem).toBe("gitlab-oidc");
  });

  it("GIVEN a public client THEN it has no secret item", () => {
    const need = oidcClientNeed({ consumer: "CLI", clientId: "kubectl", redirectUris: ["http://localhost:8000/*"], publicClient: true });
    expect(need.publicClient).toBe(true);
    expect("secretItem" in need).toBe(false);
  });

  it("GIVEN several mistakes THEN one UserError lists each of them", () => {
    let error: unknown;
    try {
      oidcClientNeed({ ...gitlabClient, clientId: "GitLab", redirectUris: ["/callback"], webOrigins: ["gitlab.example.net"], secretItem: "" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).problems).toEqual([
      'clientId must be a DNS label of at most 48 characters (it names the Secret "oidc-<clientId>"), got "GitLab"',
      'redirectUris[0] must be an absolute http(s) URI, got "/callback"',
      'webOrigins[0] must be "+" or an origin such as "https://host", got "gitlab.example.net"',
      'secretItem must name the 1Password item holding the client secret (field "client-secret"), got ""',
    ]);
  });

  it("GIVEN no redirect URI THEN it is refused, since Keycloak would reject every login", () => {
    expect(() => oidcClientNeed({ ...gitlabClient, redirectUris: [] })).toThrow("redirectUris must list at least one URI");
  });

  it("GIVEN the input arrays THEN the need does not share them (later edits do not leak in)", () => {
    const redirectUris = ["https://a.example.net/cb"];
    const need = oidcClientNeed({ ...gitlabClient, redirectUris });
    redirectUris.push("https://evil.example.net/cb");
    expect(need.redirectUris).toEqual(["https://a.example.net/cb"]);
  });
});

describe("needsBag", () => {
  it("GIVEN a partial bag THEN the missing kinds are empty lists", () => {
    const db = databaseNeed({ consumer: "Grafana", database: "grafana", owner: "grafana" });
    expect(needsBag({ databases: [db] })).toEqual({ databases: [db], buckets: [], oidcClients: [] });
  });
});
