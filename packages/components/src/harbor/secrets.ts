import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { externalSecret } from "../external-secrets/index.js";
import { oidcClientSecret, type OidcClientNeed } from "../needs/index.js";
import { internalSecretFields as fields, registryUser, secretKeys, secretNames } from "./names.js";
import { clientSecretKey, configOverwriteTemplate, type HarborUserSettings } from "./user-settings.js";

/** Field of the database role's 1Password item (the CloudNativePG role items use it too). */
export const databasePasswordField = "password";

/**
 * Fields of the S3 credentials item: the names Rook writes for a bucket user, so a PushSecret on
 * infra can copy them into 1Password unchanged.
 */
export const s3CredentialFields = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } as const;

/**
 * Harbor's own secrets, one Secret per consumer so each pod mounts only what it uses: the admin
 * password (core), the database encryption key (core, jobservice), the core token and XSRF key,
 * the jobservice token, the registry's HTTP secret and its basic-auth credentials. All are fields
 * of one 1Password item, so a restore onto a new cluster decrypts the same database.
 */
export function internalSecrets(item: string): ExternalSecret[] {
  const single = (name: string, key: string, field: string) => externalSecret({ name, item, keys: { [key]: field } });
  return [
    single(secretNames.adminPassword, secretKeys.adminPassword, fields.adminPassword),
    single(secretNames.secretKey, secretKeys.secretKey, fields.secretKey),
    externalSecret({ name: secretNames.core, item, keys: { [secretKeys.coreSecret]: fields.coreSecret, [secretKeys.xsrfKey]: fields.xsrfKey } }),
    single(secretNames.jobservice, secretKeys.jobservice, fields.jobservice),
    single(secretNames.registryHttp, secretKeys.registryHttp, fields.registryHttp),
    registryCredentials(item),
  ];
}

/**
 * The registry's basic-auth user: core logs in with the password, the registry checks it against
 * the htpasswd line. Both come from one field; the bcrypt line is computed when the Secret is
 * written (sprig's `htpasswd`), so its salt changes on refresh while the password stays valid.
 */
function registryCredentials(item: string): ExternalSecret {
  const password = "password";
  return externalSecret({
    name: secretNames.registryCredentials,
    item,
    keys: { [password]: fields.registryPassword },
    template: {
      [secretKeys.registryPassword]: `{{ .${password} }}`,
      [secretKeys.registryHtpasswd]: `{{ htpasswd ${JSON.stringify(registryUser)} .${password} }}`,
    },
  });
}

/** The database role's password, under the key the chart requires (`password`). */
export function databaseSecret(item: string): ExternalSecret {
  return externalSecret({ name: secretNames.database, item, keys: { [secretKeys.databasePassword]: databasePasswordField } });
}

/** The bucket user's keys, under the names the chart's registry reads from `s3.existingSecret`. */
export function objectStorageSecret(item: string): ExternalSecret {
  return externalSecret({
    name: secretNames.objectStorage,
    item,
    keys: { [secretKeys.s3AccessKey]: s3CredentialFields.accessKeyId, [secretKeys.s3SecretKey]: s3CredentialFields.secretAccessKey },
  });
}

/**
 * The whole CONFIG_OVERWRITE_JSON, templated from the OIDC client's 1Password item (the item
 * Keycloak reads for the same client): the settings are in the repository, the secret is not.
 */
export function configOverwriteSecret(need: OidcClientNeed, settings: HarborUserSettings): ExternalSecret {
  return oidcClientSecret(need, {
    name: secretNames.configOverwrite,
    key: clientSecretKey,
    template: { [secretKeys.configOverwrite]: configOverwriteTemplate(settings) },
  });
}
