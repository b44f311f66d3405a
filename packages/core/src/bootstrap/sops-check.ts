import { RE2JS } from "re2js";
import { parseAllDocuments } from "yaml";
import type { GeneratedFile } from "../files/index.js";
import { showValue } from "../errors/index.js";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** What SOPS writes in place of a value it encrypted (age and PGP both use AES256-GCM for data). */
export const isSopsCiphertext = (value: unknown): boolean => typeof value === "string" && value.startsWith("ENC[AES256_GCM,");

const hasSopsMac = (doc: Json): boolean => isObject(doc.sops) && isSopsCiphertext(doc.sops.mac);

/** A 1Password secret reference, which `op inject` replaces on the operator's machine. */
export const isOnePasswordReference = (value: unknown): boolean => typeof value === "string" && /^op:\/\/[^/\s]+\/[^/\s]+\/\S+$/.test(value);

/**
 * The first key of a Secret's data/stringData that holds a real value: in manifests anything but
 * SOPS ciphertext, in `op inject` templates anything but an `op://` reference.
 */
function firstPlainSecretKey(doc: Json, template: boolean): string | undefined {
  for (const map of ["data", "stringData"] as const) {
    const values = doc[map];
    if (!isObject(values)) continue;
    for (const [key, value] of Object.entries(values)) {
      const safe = template ? isOnePasswordReference(value) : hasSopsMac(doc) && isSopsCiphertext(value);
      if (!safe) return `${map}.${key}`;
    }
  }
  return undefined;
}

const isSecret = (doc: Json): boolean => doc.kind === "Secret" && doc.apiVersion === "v1";

/** Secrets a document carries, including the items of a `List`. */
function secretsIn(doc: unknown): Json[] {
  if (!isObject(doc)) return [];
  if (isSecret(doc)) return [doc];
  if (doc.kind === "List" && Array.isArray(doc.items)) return doc.items.flatMap(secretsIn);
  return [];
}

const describeSecret = (doc: Json): string => {
  const metadata = isObject(doc.metadata) ? doc.metadata : {};
  return `Secret ${metadata.namespace ? `${String(metadata.namespace)}/` : ""}${String(metadata.name ?? "<unnamed>")}`;
};

/**
 * Every Secret with plain (not SOPS-encrypted) data in the YAML files of a rendered tree, one line
 * per Secret naming the file and the first plain key. Empty when the tree is clean. In `op inject`
 * templates (`*.yaml.tpl`) every value must be an `op://` reference instead.
 */
export function findPlainSecrets(files: readonly Pick<GeneratedFile, "path" | "content">[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const template = /\.ya?ml\.tpl$/.test(file.path);
    if (!template && !/\.ya?ml$/.test(file.path)) continue;
    for (const document of parseAllDocuments(file.content)) {
      for (const secret of secretsIn(document.toJS())) {
        const key = firstPlainSecretKey(secret, template);
        if (key !== undefined) problems.push(`${file.path}: ${describeSecret(secret)} holds plain secret data (${key})`);
      }
    }
  }
  return problems;
}

interface KeyRule {
  /** Leaves under a matching key are (true) or are not (false) encrypted; others the opposite. */
  readonly encryptsMatching: boolean;
  readonly matches: (key: string) => boolean;
}

// The rule SOPS applied, from the metadata it stores next to the data (`encrypted_regex` & co.).
function keyRule(sops: Json): KeyRule | string {
  const compile = (option: string): ((key: string) => boolean) | string => {
    try {
      const re = RE2JS.compile(String(sops[option]));
      return (key) => re.test(key);
    } catch {
      return `sops.${option} ${showValue(sops[option])} is not a valid regular expression`;
    }
  };
  const suffix = (option: string) => (key: string) => key.endsWith(String(sops[option]));
  const pick = (option: string, encryptsMatching: boolean, make: (o: string) => ((key: string) => boolean) | string): KeyRule | string => {
    const matches = make(option);
    return typeof matches === "string" ? matches : { encryptsMatching, matches };
  };
  if (typeof sops.encrypted_regex === "string") return pick("encrypted_regex", true, compile);
  if (typeof sops.unencrypted_regex === "string") return pick("unencrypted_regex", false, compile);
  if (typeof sops.encrypted_suffix === "string") return pick("encrypted_suffix", true, suffix);
  if (typeof sops.unencrypted_suffix === "string") return pick("unencrypted_suffix", false, suffix);
  return { encryptsMatching: false, matches: (key) => key.endsWith("_unencrypted") };
}

// The first leaf SOPS should have encrypted but that holds a plain value.
function firstPlainLeaf(node: unknown, path: string, encrypted: boolean, rule: KeyRule): string | undefined {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) {
      const found = firstPlainLeaf(item, `${path}[${index}]`, encrypted, rule);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      const matched = rule.matches(key);
      // Below a key the rule selected, SOPS treats the whole subtree the same way.
      const below = rule.encryptsMatching ? encrypted || matched : encrypted && !matched;
      const found = firstPlainLeaf(value, path ? `${path}.${key}` : key, below, rule);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  return encrypted && node !== null && !isSopsCiphertext(node) ? path : undefined;
}

/**
 * Why a file is not a complete SOPS-encrypted YAML file (empty when it is): every document needs
 * SOPS metadata with an encrypted MAC, every value SOPS' key rule selects must be ciphertext, and
 * every Secret's data/stringData value must be ciphertext whatever the rule says.
 */
export function sopsProblems(path: string, text: string): string[] {
  const documents = parseAllDocuments(text);
  if (documents.length === 0) return [`${path}: is empty, not a SOPS-encrypted file`];
  const problems: string[] = [];
  documents.forEach((document, index) => {
    const where = documents.length > 1 ? `${path} (document ${index + 1})` : path;
    if (document.errors.length > 0) {
      problems.push(`${where}: is not valid YAML: ${document.errors[0]!.message}`);
      return;
    }
    const doc = document.toJS() as unknown;
    if (!isObject(doc) || !isObject(doc.sops)) {
      problems.push(`${where}: has no sops metadata; encrypt it with \`sops --encrypt --in-place ${path}\``);
      return;
    }
    if (!isSopsCiphertext(doc.sops.mac)) {
      problems.push(`${where}: sops.mac is ${showValue(doc.sops.mac)}, not an encrypted MAC (ENC[AES256_GCM,...])`);
      return;
    }
    const secretKey = isSecret(doc) ? firstPlainSecretKey(doc, false) : undefined;
    if (secretKey !== undefined) {
      problems.push(`${where}: ${secretKey} is not encrypted`);
      return;
    }
    const rule = keyRule(doc.sops);
    if (typeof rule === "string") {
      problems.push(`${where}: ${rule}`);
      return;
    }
    const { sops: _metadata, ...data } = doc;
    const plain = firstPlainLeaf(data, "", !rule.encryptsMatching, rule);
    if (plain !== undefined) problems.push(`${where}: ${plain} is not encrypted`);
  });
  return problems;
}
