import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { renderTalos, scanForSecrets } from "./index.js";
import { realInventories } from "./testing/inventories.js";

// Deterministic stand-ins with the shape of real material: 32 bytes in base64 (cluster secret,
// encryption keys) and a base64-encoded PEM certificate/key as `talosctl gen config` embeds them.
const key32 = createHash("sha256").update("planted").digest("base64");
const pemBase64 = Buffer.from("-----BEGIN ED25519 PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIPlanted\n-----END ED25519 PRIVATE KEY-----\n").toString("base64");

/** The secret part of a machine config as `talosctl gen config --with-secrets` writes it. */
const secretsBundleShape = `machine:
  token: abcdef.0123456789abcdef
  ca:
    crt: ${pemBase64}
    key: ${pemBase64}
cluster:
  id: ${key32}
  secret: ${key32}
  token: k3x9zq.1a2b3c4d5e6f7g8h
  secretboxEncryptionSecret: ${key32}
  serviceAccount:
    key: ${pemBase64}
`;

const generated = realInventories().flatMap((inventory) => renderTalos(inventory));

describe("secret scanner", () => {
  it.each(generated.map((file) => [file.path, file.content] as const))("GIVEN generated %s WHEN scanned THEN nothing secret is found", (_, content) => {
    expect(scanForSecrets(content)).toEqual([]);
  });

  it.each([
    ["a PEM block", "-----BEGIN RSA PRIVATE KEY-----", "pem-block"],
    ["a base64 key", `    aescbc: ${key32}`, "base64-blob"],
    ["a bootstrap token", "    join: abcdef.0123456789abcdef", "bootstrap-token"],
    ["a ca.key field", "  ca:\n    key: redacted", "secret-field"],
    ["an encryption secret field", "  secretboxEncryptionSecret: redacted", "secret-field"],
    ["a token field", "  token: redacted", "secret-field"],
  ])("GIVEN %s planted into a generated file WHEN scanned THEN the %s rule reports it", (_, planted, rule) => {
    const file = generated[0]!.content.replace("machine:\n", `machine:\n${planted}\n`);

    expect(scanForSecrets(file).map((finding) => finding.rule)).toContain(rule);
  });

  it("GIVEN the secret fields of a real machine config WHEN scanned THEN every secret line is reported", () => {
    const findings = scanForSecrets(secretsBundleShape);
    const secretLines = secretsBundleShape.split("\n").flatMap((line, i) => (/^\s*(machine|cluster):$/.test(line) || line === "" ? [] : [i + 1]));

    expect([...new Set(findings.map((finding) => finding.line))]).toEqual(secretLines);
    expect(new Set(findings.map((finding) => finding.rule))).toEqual(new Set(["secret-field", "bootstrap-token", "base64-blob"]));
  });

  it("GIVEN a 64-character hex digest (schematic ID) WHEN scanned THEN it is not mistaken for a key", () => {
    expect(scanForSecrets(`image: factory.talos.dev/metal-installer/${"ab12".repeat(16)}:v1.13.9`)).toEqual([]);
  });
});
