import { oidcGroupsClaim } from "@k8s-gitops/core/conventions";
import { UserError, merge, showValue, type DeepPartial, type PlainResource } from "@k8s-gitops/core";
import { oidcSecretField, oidcSecretName, oidcSecretVariable, type OidcClientNeed } from "../needs/index.js";

/** A protocol mapper as the realm representation holds it. */
export interface ProtocolMapper {
  readonly name: string;
  readonly protocol: "openid-connect";
  readonly protocolMapper: string;
  readonly consentRequired?: boolean;
  readonly config: Readonly<Record<string, string>>;
}

/** The fields of a ClientRepresentation this component sets. */
export interface RealmClient {
  readonly clientId: string;
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly protocol: "openid-connect";
  readonly publicClient: boolean;
  readonly clientAuthenticatorType?: "client-secret";
  /** Always a `${VARIABLE}` placeholder, never a value. */
  readonly secret?: string;
  readonly standardFlowEnabled: boolean;
  readonly implicitFlowEnabled: boolean;
  readonly directAccessGrantsEnabled: boolean;
  readonly serviceAccountsEnabled: boolean;
  readonly redirectUris: readonly string[];
  readonly webOrigins: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
  readonly protocolMappers?: readonly ProtocolMapper[];
}

/** The fields of the RealmRepresentation this component sets; overrides may add any other. */
export interface RealmRepresentation {
  readonly realm: string;
  readonly displayName?: string;
  readonly enabled: boolean;
  readonly sslRequired?: "all" | "external" | "none";
  readonly registrationAllowed?: boolean;
  readonly loginWithEmailAllowed?: boolean;
  readonly bruteForceProtected?: boolean;
  readonly groups?: readonly { readonly name: string; readonly path?: string }[];
  readonly clients?: readonly RealmClient[];
}

/** `spec.placeholders` entry: an environment variable of the import Job, read from a Secret. */
export interface Placeholder {
  readonly secret: { readonly name: string; readonly key: string };
}

/**
 * The `groups` claim every client gets: group names (not paths), in the ID token, the access
 * token and userinfo, which is where GitLab, Harbor and Grafana each look for it. It is a
 * mapper on the client rather than a realm client scope because a realm import that lists
 * `clientScopes` replaces Keycloak's built-in scopes (profile, email, roles...) instead of adding to them.
 */
export const groupsMapper: ProtocolMapper = {
  name: "groups",
  protocol: "openid-connect",
  protocolMapper: "oidc-group-membership-mapper",
  consentRequired: false,
  config: {
    "claim.name": oidcGroupsClaim,
    "full.path": "false",
    "id.token.claim": "true",
    "access.token.claim": "true",
    "userinfo.token.claim": "true",
    "introspection.token.claim": "true",
  },
};

/** One client per need: authorization-code flow only; confidential clients get a secret placeholder. */
export function realmClient(need: OidcClientNeed): RealmClient {
  return {
    clientId: need.clientId,
    name: need.consumer,
    description: `OIDC client of ${need.consumer}, generated from its needs`,
    enabled: true,
    protocol: "openid-connect",
    publicClient: need.publicClient,
    ...(need.publicClient ? {} : { clientAuthenticatorType: "client-secret", secret: `\${${oidcSecretVariable(need)}}` }),
    standardFlowEnabled: true,
    implicitFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: false,
    redirectUris: [...need.redirectUris],
    webOrigins: [...need.webOrigins],
    // A public client cannot keep a secret, so it proves possession of the code with PKCE instead.
    attributes: { "post.logout.redirect.uris": "+", ...(need.publicClient ? { "pkce.code.challenge.method": "S256" } : {}) },
    protocolMappers: [groupsMapper],
  };
}

/** The placeholders that fill each confidential client's secret from its ExternalSecret. */
export function realmPlaceholders(clients: readonly OidcClientNeed[]): Record<string, Placeholder> {
  return Object.fromEntries(
    clients.filter((c) => !c.publicClient).map((c) => [oidcSecretVariable(c), { secret: { name: oidcSecretName(c), key: oidcSecretField } }]),
  );
}

export interface RealmImportOptions {
  /** KeycloakRealmImport object name. */
  readonly name: string;
  /** The Keycloak CR it imports into (same namespace). */
  readonly keycloak: string;
  readonly realm: string;
  readonly displayName: string;
  readonly groups: readonly string[];
  readonly clients: readonly OidcClientNeed[];
  readonly overrides?: DeepPartial<RealmRepresentation>;
}

function assertDistinct(where: string, clients: readonly OidcClientNeed[]): void {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const client of clients) {
    // Distinct client ids can still collide once upper-cased into one environment variable.
    for (const key of [`client ${showValue(client.clientId)}`, `placeholder ${oidcSecretVariable(client)}`]) {
      const owner = seen.get(key);
      if (owner) problems.push(`${key} is used by both ${owner} and ${client.consumer}`);
      seen.set(key, client.consumer);
    }
  }
  if (problems.length > 0) throw new UserError(`${where}: every OIDC client must be unique`, problems);
}

/**
 * The realm, generated from the OIDC client needs of the workloads: one client per need, the
 * admin groups, and no secret value anywhere: each client secret is a `${<CLIENT>_SECRET}`
 * placeholder the operator fills from the client's Secret (which an ExternalSecret writes from
 * the same 1Password item the consumer reads). Flux's own `${VAR}` substitution is switched off
 * for the object so the placeholders reach Keycloak untouched.
 */
export function realmImport(options: RealmImportOptions): PlainResource {
  assertDistinct(`KeycloakRealmImport ${showValue(options.name)}`, options.clients);
  const realm: RealmRepresentation = {
    realm: options.realm,
    displayName: options.displayName,
    enabled: true,
    sslRequired: "external",
    registrationAllowed: false,
    loginWithEmailAllowed: true,
    bruteForceProtected: true,
    groups: options.groups.map((name) => ({ name, path: `/${name}` })),
    clients: options.clients.map(realmClient),
  };
  const placeholders = realmPlaceholders(options.clients);
  return {
    apiVersion: "k8s.keycloak.org/v2beta1",
    kind: "KeycloakRealmImport",
    metadata: { name: options.name, annotations: { "kustomize.toolkit.fluxcd.io/substitute": "disabled" } },
    spec: {
      keycloakCRName: options.keycloak,
      realm: merge(realm, options.overrides),
      ...(Object.keys(placeholders).length > 0 ? { placeholders } : {}),
    },
  };
}
