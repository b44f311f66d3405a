import { parseAllDocuments } from "yaml";
import { isObject } from "./objects.js";

/** A credential found in a file: where (1-based line, or a YAML key path) and what it looks like. */
export interface CredentialFinding {
  readonly where: string;
  readonly what: string;
}

interface Pattern {
  readonly what: string;
  readonly regex: RegExp;
}

// Shapes published by the issuers (GitHub, GitLab, Slack, AWS, age) plus PEM private keys and JWTs.
const patterns: readonly Pattern[] = [
  { what: "a PEM private key", regex: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { what: "an age secret key", regex: /AGE-SECRET-KEY-1[0-9A-Z]{58}/ },
  { what: "a GitHub token", regex: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { what: "a GitHub fine-grained token", regex: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/ },
  { what: "a GitLab token", regex: /\bglpat-[A-Za-z0-9_-]{20,}\b/ },
  { what: "a Slack token", regex: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/ },
  { what: "an AWS access key id", regex: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: "a JSON Web Token", regex: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
];

/** SOPS ciphertext is base64 and could spell anything; it is encrypted, so it is not scanned. */
const sopsCiphertext = /ENC\[AES256_GCM,[^\]]*\]/g;

/** Lines that match a known credential shape; the match itself is never echoed, only its first characters. */
export function credentialShapes(text: string): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  for (const [index, line] of text.replace(sopsCiphertext, "ENC[]").split("\n").entries()) {
    for (const { what, regex } of patterns) {
      const match = regex.exec(line);
      if (match !== null) findings.push({ where: `line ${index + 1}`, what: `${what} (${match[0].slice(0, 4)}…)` });
    }
  }
  return findings;
}

/** Words of a key: `adminPassword` → admin, password; `client_secret` → client, secret. */
const wordsOf = (key: string): string[] =>
  key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toLowerCase());

/** Words that make a key name a place (`existingSecretAdminPassword: <Secret name>`, `tokenFile`), not a value. */
const referenceWords = new Set(["existing", "ref", "file", "path", "url", "name"]);
const secretLastWords = new Set(["password", "passwd", "pwd", "passphrase", "token"]);
const secretLastPairs = new Set(["client secret", "api key", "private key", "access token"]);

/**
 * Keys whose value is the credential itself. Keys that name where a credential lives
 * (`existingSecret`, `passwordKey`, `secretKeyRef`, `tokenFile`, `secret: <Secret name>`) are not.
 */
export function isSecretKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.some((word) => referenceWords.has(word))) return false;
  const last = words.at(-1) ?? "";
  const pair = words.slice(-2).join(" ");
  return secretLastWords.has(last) || secretLastPairs.has(pair) || words.slice(-3).join(" ") === "secret access key";
}

/**
 * Values that are not the secret itself: empty, a 1Password reference, SOPS ciphertext, or a
 * placeholder filled in later (`{{ .x }}` templates, `${VAR}` / `$(VAR)` substitutions).
 */
export function isReference(value: string): boolean {
  const text = value.trim();
  return (
    text === "" ||
    /^op:\/\/\S+$/.test(text) ||
    text.startsWith("ENC[") ||
    /\{\{.*\}\}/s.test(text) ||
    /\$\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\}/.test(text) ||
    /\$\([A-Za-z_][A-Za-z0-9_]*\)/.test(text)
  );
}

/** Literal values under password-like keys, in a parsed YAML value (multi-line strings holding YAML are searched too). */
function literalSecrets(node: unknown, path: string, findings: CredentialFinding[], depth: number): void {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) literalSecrets(item, `${path}[${index}]`, findings, depth);
    return;
  }
  if (!isObject(node)) {
    if (typeof node === "string" && node.includes("\n") && depth < 3) {
      // Template placeholders such as `{{ .x | toJson }}` parse as odd keys; the warning is noise here.
      for (const document of parseAllDocuments(node, { logLevel: "error" })) {
        if (document.errors.length === 0) literalSecrets(document.toJS(), `${path} (embedded YAML)`, findings, depth + 1);
      }
    }
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const at = path === "" ? key : `${path}.${key}`;
    const literal = typeof value === "number" || (typeof value === "string" && !isReference(value));
    if (isSecretKey(key) && literal) findings.push({ where: at, what: "a literal value under a password-like key" });
    else literalSecrets(value, at, findings, depth);
  }
}

/**
 * Credentials in one generated file: known token and key shapes anywhere in the text, and in
 * YAML/JSON files literal values under password-like keys (references and templates pass).
 */
export function scanForCredentials(path: string, text: string): CredentialFinding[] {
  const findings = credentialShapes(text);
  if (/\.(ya?ml|ya?ml\.tpl|json)$/.test(path) && !/\.sops\.ya?ml$/.test(path)) {
    for (const document of parseAllDocuments(text, { logLevel: "error" })) {
      if (document.errors.length === 0) literalSecrets(document.toJS(), "", findings, 0);
    }
  }
  return findings;
}

/**
 * Samples of every credential shape, assembled at run time so that this source file holds no
 * string a secret scanner (or GitHub push protection) would flag.
 */
export function plantedCredentials(): readonly { readonly what: string; readonly text: string }[] {
  const alnum = (n: number): string => "Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7".repeat(4).slice(0, n);
  const upper = (n: number): string => "QWERTYUIOPASDFGHJKLZXCVBNM234567".repeat(3).slice(0, n);
  return [
    { what: "a PEM private key", text: `key: |\n  -----BEGIN ${"RSA "}PRIVATE ${"KEY"}-----\n  MIIE\n` },
    { what: "an age secret key", text: `key: ${"AGE-SECRET"}-KEY-1${upper(58)}\n` },
    { what: "a GitHub token", text: `value: ${"gh"}p_${alnum(36)}\n` },
    { what: "a GitHub fine-grained token", text: `value: ${"github"}_pat_${alnum(22)}_${alnum(59)}\n` },
    { what: "a GitLab token", text: `value: ${"gl"}pat-${alnum(20)}\n` },
    { what: "a Slack token", text: `value: ${"xo"}xb-123456789012-${alnum(24)}\n` },
    { what: "an AWS access key id", text: `value: ${"AK"}IA${upper(16)}\n` },
    { what: "a JSON Web Token", text: `value: ${"ey"}J${alnum(20)}.${"ey"}J${alnum(20)}.${alnum(20)}\n` },
    { what: "a literal value under a password-like key", text: `auth:\n  adminPassword: ${"hun"}ter2\n` },
  ];
}

/** The planted samples the scanner misses (empty when it works); `pnpm verify` fails otherwise. */
export function scannerSelfTest(): string[] {
  return plantedCredentials()
    .filter(({ what, text }) => !scanForCredentials("planted.yaml", text).some((finding) => finding.what.startsWith(what)))
    .map(({ what }) => what);
}
