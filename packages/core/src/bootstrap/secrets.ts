import { Secret } from "kubernetes-models/v1";
import { emitYaml } from "../emit/index.js";
import { UserError, showValue } from "../errors/index.js";
import type { BootstrapSecret } from "./types.js";

/**
 * A 1Password secret reference: `op://vault/item/field` or `op://vault/item/section/field`, with an
 * optional `?attribute=...` query. Whitespace is refused because `op inject` only recognises
 * such references inside `{{ }}`, which would not be valid YAML here.
 */
export const opReference = /^op:\/\/[^\s/?{}]+\/[^\s/?{}]+(\/[^\s/?{}]+)?\/[^\s/?{}]+(\?[^\s{}]+)?$/;

/** Problems of one bootstrap secret: every value must be a reference, never a value. */
export function bootstrapSecretProblems(secret: BootstrapSecret): string[] {
  const where = `bootstrap secret ${secret.namespace}/${secret.name}`;
  const entries = [
    ...Object.entries(secret.stringData ?? {}).map(([key, ref]) => ({ path: `stringData.${key}`, ref })),
    ...Object.entries(secret.data ?? {}).map(([key, ref]) => ({ path: `data.${key}`, ref })),
  ];
  if (entries.length === 0) return [`${where}: has no keys`];
  return entries
    .filter(({ ref }) => typeof ref !== "string" || !opReference.test(ref))
    .map(({ path, ref }) => `${where}: ${path} must be a 1Password reference op://vault/item/field, got ${showValue(ref)}`);
}

/**
 * The `op inject` template of a cluster's bootstrap secrets: Secret manifests whose values are
 * `op://` references only, with a comment per secret saying why it must exist before Flux.
 */
export function renderSecretsTemplate(cluster: string, secrets: readonly BootstrapSecret[], path: string): string {
  const problems = secrets.flatMap(bootstrapSecretProblems);
  const seen = new Set<string>();
  for (const secret of secrets) {
    const id = `${secret.namespace}/${secret.name}`;
    if (seen.has(id)) problems.push(`bootstrap secret ${id} is declared twice`);
    seen.add(id);
  }
  if (problems.length > 0) throw new UserError(`cluster ${cluster}: invalid bootstrap secrets`, problems);
  const manifests = secrets.map(
    (secret) =>
      new Secret({
        metadata: { name: secret.name, namespace: secret.namespace },
        type: secret.type ?? "Opaque",
        ...(secret.stringData ? { stringData: { ...secret.stringData } } : {}),
        ...(secret.data ? { data: { ...secret.data } } : {}),
      }),
  );
  const [header = "", ...body] = emitYaml(manifests, { source: `the bootstrap secrets of cluster ${cluster}` }).split("\n");
  const notes = [
    "# Secrets that must exist before Flux (values are 1Password references, filled in locally by `op inject`):",
    ...secrets.map((secret) => `#   ${secret.namespace}/${secret.name}: ${secret.purpose}`),
    `# Apply: op inject -i ${path} | kubectl apply --server-side -f -`,
  ];
  return [header, ...notes, ...body].join("\n");
}
