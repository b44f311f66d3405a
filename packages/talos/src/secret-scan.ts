/** Something in a file that looks like key, token or certificate material. */
export interface SecretFinding {
  /** 1-based line number. */
  readonly line: number;
  /** Which rule matched, e.g. `pem-block`. */
  readonly rule: string;
  /** The matching text, shortened. */
  readonly excerpt: string;
}

interface Rule {
  readonly name: string;
  readonly find: (line: string) => string | undefined;
}

// Fields that only ever hold secrets in a Talos machine config (`talosctl gen secrets` output and
// what `gen config` copies from it): tokens, the cluster id/secret pair, encryption keys, CA and
// service-account key pairs (`ca`, `aggregatorCA`, `serviceAccount`, `acceptedCAs` hold `crt`/`key`).
const secretKeys = [
  "token",
  "secret",
  "key",
  "crt",
  "ca",
  "acceptedCAs",
  "aggregatorCA",
  "serviceAccount",
  "secretboxEncryptionSecret",
  "aescbcEncryptionSecret",
  "bootstrapToken",
  "passphrase",
  "password",
  "privateKey",
];
const secretKeyLine = new RegExp(`^\\s*(?:-\\s+)?["']?(${secretKeys.join("|")})["']?\\s*:(?:\\s|$)`);

function isDigestPath(run: string): boolean {
  return run.split("/").every((segment) => /^[0-9a-f]*$/.test(segment) || /^[a-z]+$/.test(segment));
}

const rules: readonly Rule[] = [
  { name: "pem-block", find: (line) => /-----BEGIN [A-Z0-9 ]*-----/.exec(line)?.[0] },
  // Kubernetes bootstrap tokens and Talos machine tokens: 6 + 16 lowercase alphanumerics.
  { name: "bootstrap-token", find: (line) => /(?<![a-z0-9])[a-z0-9]{6}\.[a-z0-9]{16}(?![a-z0-9])/.exec(line)?.[0] },
  {
    // 32 random bytes are 44 base64 characters; base64-encoded PEM is far longer. Runs made only of
    // hex digests (schematic IDs) and lowercase path words (`metal-installer/<id>`) are not secrets.
    name: "base64-blob",
    find: (line) => [...line.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].map((m) => m[0]).find((run) => !isDigestPath(run)),
  },
  { name: "secret-field", find: (line) => secretKeyLine.exec(line)?.[1] },
];

/**
 * Scans generated text for private keys, tokens and certificates: PEM blocks, base64 blobs of key
 * length, bootstrap-token shaped strings and YAML fields that only hold secrets.
 */
export function scanForSecrets(text: string): SecretFinding[] {
  return text.split("\n").flatMap((line, index) =>
    rules.flatMap((rule) => {
      const match = rule.find(line);
      return match === undefined ? [] : [{ line: index + 1, rule: rule.name, excerpt: match.length > 24 ? `${match.slice(0, 21)}...` : match }];
    }),
  );
}
