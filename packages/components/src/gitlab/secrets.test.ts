import { findPlainSecrets } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { chartGeneratedSecrets } from "./index.js";
import { build, ofKind, releaseValues, renderApps } from "./test-support.js";

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/** Every `secret:` string of the values, with its path. */
function secretReferences(values: unknown, path = ""): { path: string; secret: string }[] {
  if (Array.isArray(values)) return values.flatMap((v, i) => secretReferences(v, `${path}[${i}]`));
  if (!isObject(values)) return [];
  return Object.entries(values).flatMap(([key, value]) =>
    key === "secret" && typeof value === "string" ? [{ path: `${path}.${key}`, secret: value }] : secretReferences(value, `${path}.${key}`),
  );
}

/** Leaves whose key names a credential and that hold a literal string. */
function literalCredentials(values: unknown, path = ""): string[] {
  if (Array.isArray(values)) return values.flatMap((v, i) => literalCredentials(v, `${path}[${i}]`));
  if (!isObject(values)) return [];
  return Object.entries(values).flatMap(([key, value]) => {
    // `secret` and `key` name a Secret and its key; anything else credential-like must not be a string.
    if (/password|token|secret|access_?key|private/i.test(key) && key !== "secret" && typeof value === "string") return [`${path}.${key}`];
    return literalCredentials(value, `${path}.${key}`);
  });
}

// A line of a templated file that assigns a credential, e.g. `aws_secret_access_key: ...`, `secret_key = ...`.
const credentialLine = /^\s*"?[\w-]*(secret|password|token|access_?key|accesskey|secretkey)[\w-]*"?\s*[:=]/i;

const everyOption = () => build({ railsSecretsItem: "gitlab-rails", ssh: { address: "10.25.13.12" } });

describe("gitlab secrets", () => {
  it("GIVEN every option THEN the rendered tree has no Secret data outside SOPS (core's scan)", () => {
    expect(findPlainSecrets(renderApps(everyOption()))).toEqual([]);
  });

  it("GIVEN every option THEN the release values hold no literal credential, only references to Secrets", () => {
    expect(literalCredentials(releaseValues(renderApps(everyOption())))).toEqual([]);
  });

  it("GIVEN every option THEN each credential line of each ExternalSecret template is filled in from 1Password at sync time", () => {
    const templates = ofKind(renderApps(everyOption()), "ExternalSecret").flatMap((es) => Object.entries<string>(es.spec.target.template?.data ?? {}));
    expect(templates.length).toBeGreaterThan(0);
    const literal = templates.flatMap(([key, text]) => text.split("\n").filter((line) => credentialLine.test(line) && !line.includes("{{ .")).map((line) => `${key}: ${line}`));
    expect(literal).toEqual([]);
  });

  it("GIVEN every option THEN every Secret the values reference is written by an ExternalSecret of the component or documented as chart-generated", () => {
    const files = renderApps(everyOption());
    const produced = new Set(ofKind(files, "ExternalSecret").map((es) => es.spec.target.name as string));
    const references = secretReferences(releaseValues(files));
    expect(references.length).toBeGreaterThan(5);
    expect(references.filter((r) => !produced.has(r.secret) && !(r.secret in chartGeneratedSecrets))).toEqual([]);
  });

  it("GIVEN every option THEN every ExternalSecret is used: by the values or by the Dragonfly instance", () => {
    const files = renderApps(everyOption());
    const used = new Set([
      ...secretReferences(releaseValues(files)).map((r) => r.secret),
      ...ofKind(files, "Dragonfly").map((d) => d.spec.authentication.passwordFromSecret.name as string),
    ]);
    expect(ofKind(files, "ExternalSecret").map((es) => es.spec.target.name).filter((name) => !used.has(name))).toEqual([]);
  });

  it("GIVEN the Rails secrets item THEN the chart reads them from its ExternalSecret instead of generating them", () => {
    const files = renderApps(build({ railsSecretsItem: "gitlab-rails" }));
    const es = ofKind(files, "ExternalSecret").find((e) => e.metadata.name === "gitlab-rails-secrets");
    expect(es.spec.data).toEqual([{ secretKey: "secrets.yml", remoteRef: { key: "gitlab-rails", property: "secrets.yml" } }]);
    expect(releaseValues(files).global.railsSecrets).toEqual({ secret: "gitlab-rails-secrets" });
    expect(releaseValues(renderApps()).global.railsSecrets).toBeUndefined();
  });

  it("GIVEN the ExternalSecrets THEN they read only the 1Password items named in the props", () => {
    const items = new Set(
      ofKind(renderApps(everyOption()), "ExternalSecret").flatMap((es) => es.spec.data.map((d: { remoteRef: { key: string } }) => d.remoteRef.key)),
    );
    expect([...items].sort()).toEqual(["gitlab-oidc", "gitlab-rails", "gitlab-redis", "gitlab-s3", "postgres-shared-gitlab"]);
  });

  it("GIVEN the OIDC provider template THEN it is the openid_connect provider for the client against the Keycloak issuer", () => {
    const es = ofKind(renderApps(), "ExternalSecret").find((e) => e.metadata.name === "gitlab-oidc-provider");
    expect(es.spec.data).toEqual([{ secretKey: "client_secret", remoteRef: { key: "gitlab-oidc", property: "client-secret" } }]);
    const provider: string = es.spec.target.template.data.provider;
    expect(provider).toContain('name: "openid_connect"');
    expect(provider).toContain('issuer: "https://auth.example.net/realms/platform"');
    expect(provider).toContain("secret: {{ .client_secret | toJson }}");
  });
});
