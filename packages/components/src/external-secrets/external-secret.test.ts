import { fc, test } from "@fast-check/vitest";
import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { defaultSecretStore, externalSecret, secretNeeds } from "./external-secret.js";

const json = (value: unknown): any => JSON.parse(JSON.stringify(value));

describe("externalSecret", () => {
  it("GIVEN a list of keys THEN each Secret key reads the item field of the same name from the default store", () => {
    const es = json(externalSecret({ name: "db", item: "postgres", keys: ["username", "password"] }));
    expect(es.apiVersion).toBe("external-secrets.io/v1");
    expect(es.spec.secretStoreRef).toEqual({ kind: "ClusterSecretStore", name: defaultSecretStore });
    expect(es.spec.target).toEqual({ name: "db", creationPolicy: "Owner" });
    expect(es.spec.data).toEqual([
      { secretKey: "username", remoteRef: { key: "postgres", property: "username" } },
      { secretKey: "password", remoteRef: { key: "postgres", property: "password" } },
    ]);
  });

  it("GIVEN a map of keys THEN the Secret key and the item field may differ", () => {
    const es = json(externalSecret({ name: "s3", item: "minio", keys: { AWS_ACCESS_KEY_ID: "access-key" } }));
    expect(es.spec.data).toEqual([{ secretKey: "AWS_ACCESS_KEY_ID", remoteRef: { key: "minio", property: "access-key" } }]);
  });

  it("GIVEN a template, labels and a type THEN they land in target.template and nowhere else", () => {
    const es = json(
      externalSecret({
        name: "app-config",
        item: "app",
        keys: ["token"],
        template: { "config.toml": "token = {{ .token }}" },
        secretLabels: { "cnpg.io/reload": "true" },
        type: "kubernetes.io/basic-auth",
      }),
    );
    expect(es.spec.target.template).toEqual({
      engineVersion: "v2",
      type: "kubernetes.io/basic-auth",
      metadata: { labels: { "cnpg.io/reload": "true" } },
      data: { "config.toml": "token = {{ .token }}" },
    });
    expect(es.metadata).toEqual({ name: "app-config" });
  });

  it("GIVEN no template, labels or type THEN the target has no template at all", () => {
    expect(json(externalSecret({ name: "a", item: "b", keys: ["c"] })).spec.target.template).toBeUndefined();
  });

  it("GIVEN another store and refresh interval THEN they are used", () => {
    const es = json(externalSecret({ name: "a", item: "b", keys: ["c"], store: "vault", refreshInterval: "5m" }));
    expect(es.spec.secretStoreRef.name).toBe("vault");
    expect(es.spec.refreshInterval).toBe("5m");
  });

  it.each([
    [{ keys: ["bad key"] }, 'externalSecret "x": "bad key" is not a valid Secret key'],
    [{ keys: { "a/b": "field" } }, 'externalSecret "x": "a/b" is not a valid Secret key'],
    [{ keys: [] }, 'externalSecret "x": keys must name at least one field of item "item"'],
    [{ keys: ["a", "a"] }, 'externalSecret "x": Secret key "a" is listed twice'],
    [{ keys: { a: " " } }, 'externalSecret "x": Secret key "a" maps to an empty field of item "item"'],
    [{ item: "" }, 'externalSecret "x": item must name a 1Password item, got ""'],
    [{ template: { "x y": "{{ .a }}" } }, 'externalSecret "x": template key "x y" is not a valid Secret key'],
  ] as const)("GIVEN invalid props %j THEN a UserError names the secret and the offending value", (override, message) => {
    const props = { name: "x", item: "item", keys: ["a"], ...override } as Parameters<typeof externalSecret>[0];
    expect(() => externalSecret(props)).toThrow(UserError);
    expect(() => externalSecret(props)).toThrow(message);
  });

  const keysOf = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(keysOf)
      : value !== null && typeof value === "object"
        ? Object.entries(value).flatMap(([key, item]) => [key, ...keysOf(item)])
        : [];
  const secretKeyArb = fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/);

  test.prop([fc.uniqueArray(secretKeyArb, { minLength: 1, maxLength: 6 }), fc.string({ minLength: 1 }).filter((s) => s.trim() !== "")])(
    "GIVEN any valid keys THEN the output only references item fields and never carries a Secret value",
    (keys, item) => {
      const es = json(externalSecret({ name: "n", item, keys }));
      expect(es.kind).toBe("ExternalSecret");
      expect(Object.keys(es.spec).sort()).toEqual(["data", "refreshInterval", "secretStoreRef", "target"]);
      for (const entry of es.spec.data) expect(Object.keys(entry).sort()).toEqual(["remoteRef", "secretKey"]);
      // Keys only: the item or a key may well be named "value".
      expect(keysOf(es).filter((key) => ["stringData", "value", "dataFrom"].includes(key))).toEqual([]);
    },
  );

  it("GIVEN an ExternalSecret THEN secretNeeds reports its Secret, 1Password item and fields", () => {
    const es = externalSecret({ name: "dns-token", item: "cloudflare-dns", keys: { "api-token": "credential", zone: "zone" } });
    expect(secretNeeds(es)).toEqual({ secret: "dns-token", item: "cloudflare-dns", fields: ["credential", "zone"] });
  });
});
