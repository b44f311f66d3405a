import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { oidcClientNeed } from "./needs.js";
import { oidcClientSecret, oidcSecretName, oidcSecretVariable } from "./oidc.js";

const json = (value: unknown): any => JSON.parse(JSON.stringify(value));
const harbor = oidcClientNeed({ consumer: "Harbor", clientId: "harbor-core", redirectUris: ["https://harbor.example.net/c/oidc/callback"], secretItem: "harbor-oidc" });

describe("oidc secrets", () => {
  it("GIVEN a client id with a dash THEN the placeholder variable is a valid environment variable name", () => {
    expect(oidcSecretVariable(harbor)).toBe("HARBOR_CORE_SECRET");
    expect(oidcSecretVariable(harbor)).toMatch(/^[A-Z_][A-Z0-9_]*$/);
  });

  it("GIVEN a confidential client THEN the ExternalSecret reads the item's client-secret field and holds no value", () => {
    const es = json(oidcClientSecret(harbor));
    expect(es.metadata.name).toBe(oidcSecretName(harbor));
    expect(es.spec.data).toEqual([{ secretKey: "client-secret", remoteRef: { key: "harbor-oidc", property: "client-secret" } }]);
  });

  it("GIVEN a consumer's own key and template THEN the Secret uses them, still reading the same item", () => {
    const es = json(oidcClientSecret(harbor, { name: "harbor-oidc", key: "secret", template: { "provider.yaml": "secret: {{ .secret }}" } }));
    expect(es.spec.data[0]).toEqual({ secretKey: "secret", remoteRef: { key: "harbor-oidc", property: "client-secret" } });
    expect(es.spec.target.template.data).toEqual({ "provider.yaml": "secret: {{ .secret }}" });
  });

  it("GIVEN a public client THEN asking for its secret is refused", () => {
    const cli = oidcClientNeed({ consumer: "CLI", clientId: "kubectl", redirectUris: ["http://localhost:8000"], publicClient: true });
    expect(() => oidcClientSecret(cli)).toThrow(UserError);
    expect(() => oidcClientSecret(cli)).toThrow("CLI's client is public and has no secret");
  });
});
