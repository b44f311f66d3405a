import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { UserError, showValue } from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";

/** Single sign-on through a Keycloak realm (the Keycloak issue wires the client). */
export interface GrafanaOidc {
  /** The realm's issuer, e.g. `https://keycloak.infra.lab.example.net/realms/platform`. */
  readonly issuerUrl: string;
  readonly clientId: string;
  /** 1Password item holding the client secret (field `client-secret`). */
  readonly secretItem: string;
  /** JMESPath mapping token claims to Grafana roles. @default admins group → Admin, else Viewer */
  readonly roleAttributePath?: string;
}

const secret = { name: "grafana-oidc", key: "client-secret" } as const;

/** The `grafana.ini` section, the environment variable with the secret, and its ExternalSecret. */
export function oidcSettings(oidc: GrafanaOidc): { ini: Record<string, unknown>; env: Record<string, unknown>; secret: ExternalSecret } {
  if (!/^https:\/\/[^\s/]+\/realms\/[^\s/]+$/.test(oidc.issuerUrl)) {
    throw new UserError(`grafana: oidc.issuerUrl must be a Keycloak realm URL (https://<host>/realms/<realm>), got ${showValue(oidc.issuerUrl)}`);
  }
  const endpoint = `${oidc.issuerUrl}/protocol/openid-connect`;
  return {
    ini: {
      enabled: true,
      name: "Keycloak",
      allow_sign_up: true,
      client_id: oidc.clientId,
      scopes: "openid profile email",
      auth_url: `${endpoint}/auth`,
      token_url: `${endpoint}/token`,
      api_url: `${endpoint}/userinfo`,
      use_pkce: true,
      role_attribute_path: oidc.roleAttributePath ?? "contains(groups[*], 'admins') && 'Admin' || 'Viewer'",
    },
    env: { GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secretKeyRef: { name: secret.name, key: secret.key } } },
    secret: externalSecret({ name: secret.name, item: oidc.secretItem, keys: [secret.key] }),
  };
}
