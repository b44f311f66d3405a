import { UserError } from "@k8s-gitops/core";
import { bootstrapSecretProblems } from "@k8s-gitops/core/bootstrap";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { sopsAgeSecret, sopsConfig, sopsFile, sopsRules } from "./index.js";

// The example recipients of the age README: public keys, valid bech32.
const alice = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";
const bob = "age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg";

const enc = (data: string) => `ENC[AES256_GCM,data:${data},iv:q6oVJtGo2tJ2UqQ6X8VTzw==,tag:b3VY3Kf0v6s2F0x1iZ9C0A==,type:str]`;
const encrypted = `apiVersion: v1
kind: Secret
metadata:
    name: cloudflare
stringData:
    api-token: ${enc("aHVudGVyMg==")}
sops:
    age:
        - recipient: ${alice}
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdlLWVuY3J5cHRpb24ub3JnL3YxCg==
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2026-01-01T00:00:00Z"
    mac: ${enc("bWFj")}
    encrypted_regex: ^(data|stringData)$
    version: 3.10.2
`;

describe("sopsConfig", () => {
  const config = sopsConfig({ recipients: [alice, bob] });
  const rules = parse(config.content).creation_rules;

  it("GIVEN age recipients THEN .sops.yaml lands at the root of the generated tree, Talos whole-file first, then Kubernetes Secret payloads", () => {
    expect(config.path).toBe(".sops.yaml");
    expect(rules).toEqual([
      { path_regex: sopsRules.talos, age: `${alice},${bob}` },
      { path_regex: sopsRules.kubernetes, encrypted_regex: "^(data|stringData)$", age: `${alice},${bob}` },
    ]);
  });

  it("GIVEN the rules THEN they select the files sops should encrypt, in the source tree and in generated/", () => {
    const rule = (path: string) => rules.findIndex((r: { path_regex: string }) => new RegExp(r.path_regex).test(path));
    expect(rule("packages/clusters/infra/talos/secrets.sops.yaml")).toBe(0);
    expect(rule("generated/bootstrap/clusters/infra/cluster-secrets.sops.yml")).toBe(1);
    expect(rule("kubernetes/workloads/apps/web/app/secret.sops.yaml")).toBe(1);
    expect(rule("kubernetes/workloads/apps/web/app/secret.yaml")).toBe(-1);
  });

  it("GIVEN a placeholder or a private key instead of a recipient THEN the error names the entry and the value", () => {
    expect(() => sopsConfig({ recipients: ["age1CHANGEME"] })).toThrow(UserError);
    expect(() => sopsConfig({ recipients: [alice, "AGE-SECRET-KEY-1QQQ"] })).toThrow(
      'recipients[1]: "AGE-SECRET-KEY-1QQQ" is not an age public key',
    );
    expect(() => sopsConfig({ recipients: [] })).toThrow("at least one age public key");
    expect(() => sopsConfig({ recipients: [alice, alice] })).toThrow("is listed twice");
  });
});

describe("sopsFile", () => {
  it("GIVEN a SOPS-encrypted Secret THEN it passes through byte for byte", () => {
    expect(sopsFile("bootstrap/clusters/infra/cloudflare.sops.yaml", encrypted, "cluster:infra")).toEqual({
      path: "bootstrap/clusters/infra/cloudflare.sops.yaml",
      content: encrypted,
      scope: "cluster:infra",
    });
  });

  it("GIVEN a decrypted copy THEN it is refused naming the file and the first plain key", () => {
    const plain = encrypted.replace(`api-token: ${enc("aHVudGVyMg==")}`, "api-token: hunter2");
    expect(() => sopsFile("bootstrap/clusters/infra/cloudflare.sops.yaml", plain)).toThrow(UserError);
    expect(() => sopsFile("bootstrap/clusters/infra/cloudflare.sops.yaml", plain)).toThrow(
      "bootstrap/clusters/infra/cloudflare.sops.yaml: stringData.api-token is not encrypted",
    );
  });

  it("GIVEN a name the creation rules would not match THEN it is refused", () => {
    expect(() => sopsFile("bootstrap/clusters/infra/cloudflare.yaml", encrypted)).toThrow("must end in .sops.yaml");
    expect(() => sopsFile("../cloudflare.sops.yaml", encrypted)).toThrow("must be a relative path");
  });
});

describe("sopsAgeSecret", () => {
  it("GIVEN an inventory THEN the age key is an op:// reference into the cluster's vault, under a key Flux reads", () => {
    const context = fixtureContext("infra");
    const secret = sopsAgeSecret(context);
    expect(bootstrapSecretProblems(secret)).toEqual([]);
    expect(secret).toMatchObject({ name: "sops-age", namespace: "flux-system" });
    expect(secret.stringData).toEqual({ "age.agekey": `op://${context.inventory.external.onepassword.vault}/sops-age/age-key` });
  });
});
