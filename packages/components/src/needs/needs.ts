import { UserError, showValue } from "@k8s-gitops/core";

/**
 * A database (and its owning role) a workload needs on the shared PostgreSQL. The provider
 * (the CloudNativePG shared cluster) must list `database` in its `provided.databases`.
 */
export interface DatabaseNeed {
  readonly kind: "database";
  /** Who needs it, as people name it in errors (e.g. `GitLab`). */
  readonly consumer: string;
  readonly database: string;
  /** The role that owns the database; the workload logs in as this role. */
  readonly owner: string;
}

/** An object-storage bucket a workload needs on the Ceph RGW object store. */
export interface BucketNeed {
  readonly kind: "bucket";
  readonly consumer: string;
  readonly bucket: string;
}

/**
 * An OIDC client a workload needs in Keycloak. The client secret never appears in generated
 * files: it lives in the 1Password item `secretItem` (field {@link oidcSecretField}), which both
 * Keycloak (realm import placeholder) and the consumer read through ExternalSecrets.
 */
export interface OidcClientNeed {
  readonly kind: "oidcClient";
  readonly consumer: string;
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly webOrigins: readonly string[];
  readonly publicClient: boolean;
  /** 1Password item holding the client secret; absent for public clients, which have none. */
  readonly secretItem?: string;
}

export type Need = DatabaseNeed | BucketNeed | OidcClientNeed;

/** Everything one or more workloads need from the platform's providers. */
export interface Needs {
  readonly databases: readonly DatabaseNeed[];
  readonly buckets: readonly BucketNeed[];
  readonly oidcClients: readonly OidcClientNeed[];
}

/** Field of a {@link OidcClientNeed.secretItem} 1Password item that holds the client secret. */
export const oidcSecretField = "client-secret";

// PostgreSQL folds unquoted identifiers to lowercase and truncates at 63 bytes; allowing only
// what survives both keeps the name in CNPG, the JDBC URL and the consumer identical.
const pgIdentifier = /^[a-z_][a-z0-9_]{0,62}$/;
// S3 bucket naming rules (as RGW enforces them), without dots: dotted names break
// virtual-host style TLS.
const bucketName = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
// The clientId also names Kubernetes Secrets (`oidc-<clientId>`) and an environment variable.
const clientIdPattern = /^[a-z0-9]([-a-z0-9]{0,46}[a-z0-9])?$/;
const redirectUri = /^https?:\/\/[^\s/?#]+(\/[^\s#]*)?$/;

function assertConsumer(where: string, consumer: string): void {
  if (consumer.trim() === "") throw new UserError(`${where}: consumer must name the workload that needs it, got ${showValue(consumer)}`);
}

/** A database need; names are checked where the need is declared, so errors point at it. */
export function databaseNeed(props: { readonly consumer: string; readonly database: string; readonly owner: string }): DatabaseNeed {
  const where = `databaseNeed(${showValue(props.database)})`;
  assertConsumer(where, props.consumer);
  for (const [field, value] of [
    ["database", props.database],
    ["owner", props.owner],
  ] as const) {
    if (!pgIdentifier.test(value)) {
      throw new UserError(`${where} of ${props.consumer}: ${field} must be a lowercase PostgreSQL identifier (a-z, 0-9, '_', at most 63), got ${showValue(value)}`);
    }
  }
  return { kind: "database", consumer: props.consumer, database: props.database, owner: props.owner };
}

/** A bucket need on the object store. */
export function bucketNeed(props: { readonly consumer: string; readonly bucket: string }): BucketNeed {
  const where = `bucketNeed(${showValue(props.bucket)})`;
  assertConsumer(where, props.consumer);
  if (!bucketName.test(props.bucket)) {
    throw new UserError(`${where} of ${props.consumer}: bucket must be 3-63 lowercase letters, digits or '-', starting and ending with a letter or digit, got ${showValue(props.bucket)}`);
  }
  return { kind: "bucket", consumer: props.consumer, bucket: props.bucket };
}

interface OidcClientNeedBase {
  readonly consumer: string;
  readonly clientId: string;
  /** Where Keycloak may send the browser back to; a trailing `*` is a Keycloak wildcard. */
  readonly redirectUris: readonly string[];
  /** CORS origins; server-side code flows need none. @default [] */
  readonly webOrigins?: readonly string[];
}

/** A confidential client (the default) needs a secret item; a public client must not have one. */
export type OidcClientNeedProps =
  | (OidcClientNeedBase & { readonly publicClient?: false; readonly secretItem: string })
  | (OidcClientNeedBase & { readonly publicClient: true; readonly secretItem?: undefined });

/** An OIDC client need in the platform realm. */
export function oidcClientNeed(props: OidcClientNeedProps): OidcClientNeed {
  const where = `oidcClientNeed(${showValue(props.clientId)})`;
  assertConsumer(where, props.consumer);
  const problems: string[] = [];
  if (!clientIdPattern.test(props.clientId)) {
    problems.push(`clientId must be a DNS label of at most 48 characters (it names the Secret "oidc-<clientId>"), got ${showValue(props.clientId)}`);
  }
  if (props.redirectUris.length === 0) problems.push("redirectUris must list at least one URI");
  props.redirectUris.forEach((uri, i) => {
    if (!redirectUri.test(uri)) problems.push(`redirectUris[${i}] must be an absolute http(s) URI, got ${showValue(uri)}`);
  });
  (props.webOrigins ?? []).forEach((origin, i) => {
    if (origin !== "+" && !/^https?:\/\/[^\s/?#]+$/.test(origin)) {
      problems.push(`webOrigins[${i}] must be "+" or an origin such as "https://host", got ${showValue(origin)}`);
    }
  });
  if (props.publicClient !== true && (props.secretItem ?? "").trim() === "") {
    problems.push(`secretItem must name the 1Password item holding the client secret (field ${showValue(oidcSecretField)}), got ${showValue(props.secretItem)}`);
  }
  if (problems.length > 0) throw new UserError(`${where} of ${props.consumer} is invalid:`, problems);
  return {
    kind: "oidcClient",
    consumer: props.consumer,
    clientId: props.clientId,
    redirectUris: [...props.redirectUris],
    webOrigins: [...(props.webOrigins ?? [])],
    publicClient: props.publicClient === true,
    ...(props.publicClient === true ? {} : { secretItem: props.secretItem }),
  };
}

/** A complete bag from a partial one, e.g. `needsBag({ databases: [db] })`. */
export function needsBag(bag: Partial<Needs> = {}): Needs {
  return { databases: [...(bag.databases ?? [])], buckets: [...(bag.buckets ?? [])], oidcClients: [...(bag.oidcClients ?? [])] };
}
