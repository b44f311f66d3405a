import { defaultSecretStore } from "@k8s-gitops/core/conventions";
import { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { UserError, showValue } from "@k8s-gitops/core";

/** The ClusterSecretStore every component reads from (1Password Connect). */
export { defaultSecretStore };

export interface ExternalSecretProps {
  /** Name of the Kubernetes Secret to create (and of the ExternalSecret). */
  readonly name: string;
  /** 1Password item that holds the values. */
  readonly item: string;
  /**
   * Keys of the Secret: a list when the Secret key equals the item field, or a map
   * `{ secretKey: itemField }`.
   */
  readonly keys: readonly string[] | Readonly<Record<string, string>>;
  /**
   * Templated keys built from the fetched values, e.g. `{ "config.toml": "token = {{ .token }}" }`.
   * With a template the Secret holds only these keys (External Secrets' `Replace` merge policy);
   * the fetched keys are inputs, available as `{{ .<key> }}`.
   */
  readonly template?: Readonly<Record<string, string>>;
  /** Labels for the created Secret (e.g. the ClusterMesh or CNPG label). */
  readonly secretLabels?: Readonly<Record<string, string>>;
  /** Secret type, e.g. `kubernetes.io/basic-auth`. @default "Opaque" */
  readonly type?: string;
  /** @default "onepassword" */
  readonly store?: string;
  /** @default "1h" */
  readonly refreshInterval?: string;
  /**
   * `Owner` creates and owns the Secret; `Merge` writes into a Secret that already exists (one the
   * bootstrap applied before External Secrets ran). @default "Owner"
   */
  readonly creationPolicy?: "Owner" | "Merge";
}

/** What a component needs from the secret store: used by tests that check every item is provisioned. */
export interface SecretNeed {
  readonly secret: string;
  readonly item: string;
  readonly fields: readonly string[];
}

const secretKey = /^[-._a-zA-Z0-9]+$/;

/**
 * Declares a Secret a component needs without ever holding its value: External Secrets fetches
 * the fields of a 1Password item and writes the Secret in the cluster.
 */
export function externalSecret(props: ExternalSecretProps): ExternalSecret {
  const mapping: [string, string][] = Array.isArray(props.keys)
    ? (props.keys as readonly string[]).map((k) => [k, k])
    : Object.entries(props.keys as Record<string, string>);
  const where = `externalSecret ${showValue(props.name)}`;
  if (props.item.trim() === "") throw new UserError(`${where}: item must name a 1Password item, got ${showValue(props.item)}`);
  if (mapping.length === 0) throw new UserError(`${where}: keys must name at least one field of item ${showValue(props.item)}`);
  const seen = new Set<string>();
  for (const [key, field] of mapping) {
    if (!secretKey.test(key)) throw new UserError(`${where}: ${showValue(key)} is not a valid Secret key (letters, digits, '-', '_', '.')`);
    if (seen.has(key)) throw new UserError(`${where}: Secret key ${showValue(key)} is listed twice`);
    if (field.trim() === "") throw new UserError(`${where}: Secret key ${showValue(key)} maps to an empty field of item ${showValue(props.item)}`);
    seen.add(key);
  }
  for (const key of Object.keys(props.template ?? {})) {
    if (!secretKey.test(key)) throw new UserError(`${where}: template key ${showValue(key)} is not a valid Secret key (letters, digits, '-', '_', '.')`);
  }
  return new ExternalSecret({
    metadata: { name: props.name },
    spec: {
      refreshInterval: props.refreshInterval ?? "1h",
      secretStoreRef: { kind: "ClusterSecretStore", name: props.store ?? defaultSecretStore },
      target: {
        name: props.name,
        creationPolicy: props.creationPolicy ?? "Owner",
        ...(props.template || props.secretLabels || props.type
          ? {
              template: {
                engineVersion: "v2",
                ...(props.type ? { type: props.type } : {}),
                ...(props.secretLabels ? { metadata: { labels: { ...props.secretLabels } } } : {}),
                ...(props.template ? { data: { ...props.template } } : {}),
              },
            }
          : {}),
      },
      data: mapping.map(([key, field]) => ({ secretKey: key, remoteRef: { key: props.item, property: field } })),
    },
  });
}

/** The 1Password items and fields an ExternalSecret reads. */
export function secretNeeds(resource: ExternalSecret): SecretNeed {
  const data = resource.spec?.data ?? [];
  return {
    secret: resource.metadata?.name ?? "",
    item: data[0]?.remoteRef.key ?? "",
    fields: data.map((d) => d.remoteRef.property ?? ""),
  };
}
