import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { UserError, showValue } from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";
import { oidcSecretField, type OidcClientNeed } from "./needs.js";

/**
 * Name of the environment variable Keycloak's realm import substitutes for the client secret,
 * e.g. `GITLAB_SECRET` for client `gitlab` (written `${GITLAB_SECRET}` in the realm).
 */
export function oidcSecretVariable(need: Pick<OidcClientNeed, "clientId">): string {
  return `${need.clientId.toUpperCase().replace(/-/g, "_")}_SECRET`;
}

/** Default name of the Secret holding a client's secret, on both the Keycloak and the consumer side. */
export function oidcSecretName(need: Pick<OidcClientNeed, "clientId">): string {
  return `oidc-${need.clientId}`;
}

export interface OidcClientSecretProps {
  /** @default "oidc-<clientId>" */
  readonly name?: string;
  /** Secret key the client secret lands in. @default "client-secret" */
  readonly key?: string;
  /** Extra keys templated from `{{ .<key> }}`, e.g. a provider config file the consumer reads. */
  readonly template?: Readonly<Record<string, string>>;
}

/**
 * The ExternalSecret through which a workload (or Keycloak) reads a client's secret from its
 * 1Password item. Both sides read the same item, so the secret is never copied and never
 * appears in the repository.
 */
export function oidcClientSecret(need: OidcClientNeed, props: OidcClientSecretProps = {}): ExternalSecret {
  if (need.secretItem === undefined) {
    throw new UserError(`oidcClientSecret(${showValue(need.clientId)}): ${need.consumer}'s client is public and has no secret`);
  }
  const key = props.key ?? oidcSecretField;
  return externalSecret({
    name: props.name ?? oidcSecretName(need),
    item: need.secretItem,
    keys: { [key]: oidcSecretField },
    ...(props.template ? { template: props.template } : {}),
  });
}
