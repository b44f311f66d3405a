import { describe, expect, it } from "vitest";
import { isReference, isSecretKey, plantedCredentials, scanForCredentials, scannerSelfTest } from "./credentials.js";
import { checkSecretBuilds, checkSecretFiles } from "./secrets.js";
import { addResource, canVerify, minimalTree, verifyFiles } from "./test-support.js";

const lines = (problems: readonly { check: string; file: string; message: string }[]): string[] => problems.map((p) => `${p.check}: ${p.file}: ${p.message}`);

describe("credential scanner", () => {
  it("GIVEN each planted credential THEN the scanner finds it, and the self-test passes", () => {
    for (const { what, text } of plantedCredentials()) {
      expect(scanForCredentials("planted.yaml", text).map((f) => f.what.replace(/ \(.*\)$/, "")), what).toContain(what);
    }
    expect(scannerSelfTest()).toEqual([]);
  });

  it("GIVEN a private key in a ConfigMap THEN the line is named and the key itself is not echoed", () => {
    const pem = ["-----BEGIN EC", "PRIVATE KEY-----"].join(" ");
    const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tls\ndata:\n  key.pem: |\n    ${pem}\n    MHcCAQEEIB\n`;
    expect(lines(checkSecretFiles([{ path: "kubernetes/a/configmap.yaml", content: configMap }]))).toEqual([
      "secret: kubernetes/a/configmap.yaml: line 7: a PEM private key (----…); store it encrypted (*.sops.yaml) or as a reference (op://, ExternalSecret)",
    ]);
  });

  it("GIVEN password-like keys THEN only keys holding the credential itself count", () => {
    expect(["password", "adminPassword", "client_secret", "apiKey", "runner-token", "secretAccessKey"].filter(isSecretKey)).toHaveLength(6);
    expect(
      ["secretKey", "passwordKey", "existingSecret", "existingSecretAdminPassword", "bearerTokenFile", "token_url", "secret", "userinfo.token.claim", "tokenSecretRef"].filter(isSecretKey),
    ).toEqual([]);
  });

  it("GIVEN references and templates THEN they are not literal secrets; a plain word is", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} placeholder is the input under test
    expect(["", "op://vault/item/field", "{{ .password }}", "${DB_PASSWORD}", "$(TOKEN)", "ENC[AES256_GCM,data:x]"].filter((v) => !isReference(v))).toEqual([]);
    expect(isReference("hunter2")).toBe(false);
  });

  it("GIVEN literal values under password-like keys, also inside an embedded YAML string THEN each is found with its path", () => {
    const values = `auth:\n  adminPassword: hunter2\n  existingSecret: app-admin\nconfig: |\n  db:\n    password: s3cret\n    passwordFile: /run/secret\n`;
    expect(scanForCredentials("values.yaml", values)).toEqual([
      { where: "auth.adminPassword", what: "a literal value under a password-like key" },
      { where: "config (embedded YAML).db.password", what: "a literal value under a password-like key" },
    ]);
  });
});

const encrypted = (value: string) => `ENC[AES256_GCM,data:${value},iv:q6oVJtGo2tJ2UqQ6X8VTzw==,tag:b3VY3Kf0v6s2F0x1iZ9C0A==,type:str]`;

describe("checkSecretFiles", () => {
  it("GIVEN a plain Secret THEN the file, the Secret and the plain key are named", () => {
    const secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: web\nstringData:\n  url: postgres://db\n";
    expect(lines(checkSecretFiles([{ path: "kubernetes/a/secret.yaml", content: secret }]))).toEqual([
      "secret: kubernetes/a/secret.yaml: Secret web/db holds plain secret data (stringData.url)",
    ]);
  });

  it("GIVEN a *.sops.yaml without SOPS metadata THEN it is not encrypted; the SOPS config file .sops.yaml is left alone", () => {
    const files = [
      { path: "kubernetes/a/db.sops.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: db\ndata:\n  a: b\n" },
      { path: ".sops.yaml", content: "creation_rules:\n  - path_regex: .*\\.sops\\.yaml$\n" },
    ];
    expect(lines(checkSecretFiles(files))).toEqual([
      "secret: kubernetes/a/db.sops.yaml: has no sops metadata; encrypt it with `sops --encrypt --in-place kubernetes/a/db.sops.yaml`",
    ]);
  });

  it("GIVEN a SOPS-encrypted Secret THEN nothing is reported", () => {
    const sops = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${encrypted("aHVudGVyMg==")}\nsops:\n  mac: ${encrypted("bWFj")}\n  encrypted_regex: ^(data|stringData)$\n  version: 3.10.2\n`;
    expect(checkSecretFiles([{ path: "kubernetes/a/db.sops.yaml", content: sops }])).toEqual([]);
  });

  it("GIVEN a Secret only a build produces (secretGenerator) THEN it is reported for the kustomization", () => {
    const build = { dir: "kubernetes/a", documents: [{ apiVersion: "v1", kind: "Secret", metadata: { name: "gen-abc" }, data: { k: "dg==" } }] };
    expect(lines(checkSecretBuilds([build], []))).toEqual([
      "secret: kubernetes/a/kustomization.yaml: Secret gen-abc holds plain secret data (data.k) in the build output",
    ]);
  });
});

describe.skipIf(!canVerify())("secret check in verifyTree", () => {
  it("GIVEN a plain Secret planted in an applied folder THEN verify fails with exactly that line", async () => {
    const files = minimalTree();
    addResource(files, "kubernetes/apps/demo/web/app", "./secret.yaml");
    files["kubernetes/apps/demo/web/app/secret.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  url: postgres://db\n";
    expect((await verifyFiles(files)).lines).toEqual(["secret: kubernetes/apps/demo/web/app/secret.yaml: Secret db holds plain secret data (stringData.url)"]);
  });
});
