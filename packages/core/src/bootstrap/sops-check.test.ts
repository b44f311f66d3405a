import { describe, expect, it } from "vitest";
import { findPlainSecrets, sopsProblems } from "./index.js";

const enc = (data: string) => `ENC[AES256_GCM,data:${data},iv:q6oVJtGo2tJ2UqQ6X8VTzw==,tag:b3VY3Kf0v6s2F0x1iZ9C0A==,type:str]`;
const metadata = (extra = "") => `sops:
    age:
        - recipient: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p
          enc: |
            -----BEGIN AGE ENCRYPTED FILE-----
            YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBabm9uZQ==
            -----END AGE ENCRYPTED FILE-----
    lastmodified: "2026-01-01T00:00:00Z"
    mac: ${enc("c2lnbmF0dXJl")}
${extra}    version: 3.10.2
`;

const encryptedSecret = `apiVersion: v1
kind: Secret
metadata:
    name: cluster-secrets
    namespace: flux-system
stringData:
    token: ${enc("aHVudGVyMg==")}
    password: ${enc("c2VjcmV0")}
${metadata("    encrypted_regex: ^(data|stringData)$\n")}`;

describe("sopsProblems", () => {
  it("GIVEN a Secret SOPS encrypted with encrypted_regex THEN it is accepted", () => {
    expect(sopsProblems("kubernetes/secret.sops.yaml", encryptedSecret)).toEqual([]);
  });

  it("GIVEN one value left in plain text THEN the problem names the file and that key", () => {
    const leaky = encryptedSecret.replace(`password: ${enc("c2VjcmV0")}`, "password: hunter2");
    expect(sopsProblems("kubernetes/secret.sops.yaml", leaky)).toEqual(["kubernetes/secret.sops.yaml: stringData.password is not encrypted"]);
  });

  it("GIVEN a whole-file encrypted document with one plain leaf THEN that leaf is named, keys ending in _unencrypted excepted", () => {
    const talos = `cluster:
    id: ${enc("aWQ=")}
    secret: ${enc("c2VjcmV0")}
    name_unencrypted: infra
machine:
    token: abc.def
${metadata()}`;
    expect(sopsProblems("talos/secrets.sops.yaml", talos)).toEqual(["talos/secrets.sops.yaml: machine.token is not encrypted"]);
  });

  it("GIVEN a plain file or forged metadata THEN it is refused with the reason", () => {
    expect(sopsProblems("a.sops.yaml", "apiVersion: v1\nkind: Secret\nstringData: { a: b }\n")).toEqual([
      "a.sops.yaml: has no sops metadata; encrypt it with `sops --encrypt --in-place a.sops.yaml`",
    ]);
    expect(sopsProblems("b.sops.yaml", encryptedSecret.replace(`mac: ${enc("c2lnbmF0dXJl")}`, "mac: none"))).toEqual([
      'b.sops.yaml: sops.mac is "none", not an encrypted MAC (ENC[AES256_GCM,...])',
    ]);
  });
});

describe("findPlainSecrets", () => {
  const plain = `---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: token\n  namespace: demo\nstringData:\n  token: hunter2\n`;

  it("GIVEN a tree with a plain Secret among clean files THEN exactly that Secret is reported with file and key", () => {
    const files = [
      { path: "kubernetes/apps/demo/app/secret.yaml", content: plain },
      { path: "kubernetes/apps/demo/app/secret.sops.yaml", content: encryptedSecret },
      { path: "kubernetes/apps/demo/app/configmap.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata: { a: b }\n" },
      { path: "kubernetes/apps/demo/app/empty-secret.yaml", content: "apiVersion: v1\nkind: Secret\nmetadata: { name: e }\ntype: Opaque\n" },
    ];
    expect(findPlainSecrets(files)).toEqual(["kubernetes/apps/demo/app/secret.yaml: Secret demo/token holds plain secret data (stringData.token)"]);
  });

  it("GIVEN a plain Secret inside a List THEN it is found too", () => {
    const list = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Secret\n    metadata: { name: inner }\n    data: { key: aHVudGVyMg== }\n`;
    expect(findPlainSecrets([{ path: "list.yaml", content: list }])).toEqual(["list.yaml: Secret inner holds plain secret data (data.key)"]);
  });

  it("GIVEN an op inject template THEN op:// references pass and a real value is found", () => {
    const template = (value: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata: { name: t, namespace: flux-system }\nstringData:\n  ok: op://vault/item/field\n  token: ${value}\n`;
    const path = "bootstrap/clusters/infra/secrets.yaml.tpl";
    expect(findPlainSecrets([{ path, content: template("op://vault/item/token") }])).toEqual([]);
    expect(findPlainSecrets([{ path, content: template("hunter2") }])).toEqual([
      `${path}: Secret flux-system/t holds plain secret data (stringData.token)`,
    ]);
  });
});
