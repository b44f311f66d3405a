import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { externalSecret } from "../external-secrets/index.js";
import { oidcClientSecret, type OidcClientNeed } from "../needs/index.js";
import { objectStorageKeys, secretNames } from "./names.js";
import { goTemplate, quotedSecret, templateYaml } from "./template-yaml.js";

/** Field of the database role's 1Password item (the CloudNativePG role items use it too). */
export const postgresPasswordField = "password";
export const postgresPasswordKey = "password";

/**
 * Fields of the S3 credentials item: the names Rook writes for a bucket user, so a PushSecret
 * on infra can copy them into 1Password unchanged.
 */
export const s3CredentialFields = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } as const;

/** Where the S3 API is, as every client of the object-storage Secret must be told. */
export interface S3Endpoint {
  /** `http://<service host>:<port>` */
  readonly url: string;
  /** `<service host>:<port>` */
  readonly hostPort: string;
  readonly host: string;
  readonly region: string;
}

/** The database role's password, for `global.psql.password`. */
export function postgresSecret(item: string): ExternalSecret {
  return externalSecret({ name: secretNames.postgres, item, keys: { [postgresPasswordKey]: postgresPasswordField } });
}

// Secret keys are Go template field names in the templates below, hence underscores.
const accessKey = "access_key_id";
const secretKey = "secret_access_key";

/**
 * One Secret, three formats of the same S3 credentials: the fog connection Rails reads, the
 * registry's `storage:` block and the s3cmd configuration of the backup job. The values come
 * from 1Password at sync time; the repository holds only the templates.
 */
export function objectStorageSecret(item: string, s3: S3Endpoint, registryBucket: string): ExternalSecret {
  const connection = templateYaml({
    provider: "AWS",
    region: s3.region,
    aws_access_key_id: quotedSecret(accessKey),
    aws_secret_access_key: quotedSecret(secretKey),
    aws_signature_version: 4,
    host: s3.host,
    endpoint: s3.url,
    // RGW serves buckets by path; virtual-host names do not resolve inside the cluster.
    path_style: true,
  });
  const registry = templateYaml({
    s3: {
      bucket: registryBucket,
      accesskey: quotedSecret(accessKey),
      secretkey: quotedSecret(secretKey),
      region: s3.region,
      // With an explicit endpoint the driver addresses buckets by path, as RGW needs.
      regionendpoint: s3.url,
      v4auth: true,
    },
  });
  const s3cmd = [
    "[default]",
    `access_key = {{ .${accessKey} }}`,
    `secret_key = {{ .${secretKey} }}`,
    `bucket_location = ${s3.region}`,
    `host_base = ${s3.hostPort}`,
    // The same host for buckets makes s3cmd use path-style requests.
    `host_bucket = ${s3.hostPort}`,
    `use_https = ${s3.url.startsWith("https:") ? "True" : "False"}`,
    "signature_v2 = False",
    "",
  ].join("\n");
  return externalSecret({
    name: secretNames.objectStorage,
    item,
    keys: { [accessKey]: s3CredentialFields.accessKeyId, [secretKey]: s3CredentialFields.secretAccessKey },
    template: { [objectStorageKeys.connection]: connection, [objectStorageKeys.registry]: registry, [objectStorageKeys.s3cmd]: s3cmd },
  });
}

/** Key of the OmniAuth provider Secret (`global.appConfig.omniauth.providers[].key`). */
export const oidcProviderKey = "provider";

export interface OidcProvider {
  readonly issuerUrl: string;
  readonly redirectUri: string;
  /** Button label on the sign-in page. */
  readonly label: string;
}

/**
 * The OmniAuth `openid_connect` provider, templated from the client's 1Password item (the item
 * Keycloak reads for the same client), with discovery against the realm's issuer and PKCE.
 */
export function oidcProviderSecret(need: OidcClientNeed, provider: OidcProvider): ExternalSecret {
  const clientSecretKey = "client_secret";
  return oidcClientSecret(need, {
    name: secretNames.oidcProvider,
    key: clientSecretKey,
    template: {
      [oidcProviderKey]: templateYaml({
        name: "openid_connect",
        label: provider.label,
        args: {
          name: "openid_connect",
          scope: ["openid", "profile", "email"],
          response_type: "code",
          issuer: provider.issuerUrl,
          discovery: true,
          client_auth_method: "basic",
          pkce: true,
          client_options: {
            identifier: need.clientId,
            secret: goTemplate(`{{ .${clientSecretKey} | toJson }}`),
            redirect_uri: provider.redirectUri,
          },
        },
      }),
    },
  });
}

/** Key (and 1Password field) holding the whole Rails `secrets.yml`. */
export const railsSecretsKey = "secrets.yml";

/**
 * Rails secrets from 1Password instead of the chart's generator. The database holds data
 * encrypted with them (CI variables, 2FA seeds, tokens): keeping a copy outside the cluster is
 * what makes a restore onto a new cluster possible. The field holds the complete `secrets.yml`
 * (copy it from the chart-generated Secret once, after the first install).
 */
export function railsSecret(item: string): ExternalSecret {
  return externalSecret({ name: secretNames.railsSecrets, item, keys: [railsSecretsKey] });
}
