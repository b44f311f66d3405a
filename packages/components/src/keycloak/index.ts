import { UserError, defineComponent, ref, showValue, type ClusterContext, type Component, type DeepPartial, type Ref } from "@k8s-gitops/core";
import { gatewayHostname, gatewayRef, platformAdminGroup } from "@k8s-gitops/core/conventions";
import type { PostgresClusterComponent, PostgresEndpoints } from "../cloudnative-pg/index.js";
import { externalSecret } from "../external-secrets/index.js";
import { databaseNeed, needsBag, oidcClientSecret, providedBag, type HasNeeds, type OidcClientNeed, type ProvidesNeeds } from "../needs/index.js";
import { defaultPostgresEndpoints, keycloakDatabase } from "./database.js";
import { operatorBase, operatorBaseTree, operatorHealthCheck, operatorNamespace } from "./operator.js";
import { realmImport, type RealmRepresentation } from "./realm.js";
import { keycloakRoute, keycloakServer, publicPaths, type KeycloakSpec } from "./server.js";

export { databaseSecretName, defaultPostgresEndpoints, keycloakDatabase, type KeycloakDatabase } from "./database.js";
export { operatorBase, operatorBaseTree, operatorHealthCheck, operatorIgnore, operatorNamespace, operatorRelease } from "./operator.js";
export { groupsMapper, realmClient, realmImport, realmPlaceholders, type Placeholder, type RealmClient, type RealmRepresentation } from "./realm.js";
export { httpPort, keycloakRoute, keycloakServer, publicPaths, serviceName, type KeycloakSpec, type SecretKeyRef } from "./server.js";

export type KeycloakStage = "app" | "server" | "realm";

/** The group whose members administer the platform's applications (a platform convention). */
export { platformAdminGroup };

export interface KeycloakProps {
  /** Keycloak server pods; two keep logins working through a node drain. @default 2 */
  readonly instances?: number;
  /** Host label under the internal domain: `https://<host>.<domains.internal>`. @default "auth" */
  readonly host?: string;
  /** @default "platform" */
  readonly realm?: string;
  /** @default "Platform" */
  readonly realmDisplayName?: string;
  /** The OIDC clients to create, one per need (e.g. GitLab's, Harbor's, Grafana's). @default [] */
  readonly oidcClients?: readonly OidcClientNeed[];
  /** Groups created in the realm. @default ["platform-admins"] */
  readonly groups?: readonly string[];
  /**
   * The shared Postgres (`sharedPostgres(...)`): its typed endpoints give host, database and the
   * login's 1Password item, and a component value also makes the server stage wait for it.
   * @default the endpoints `sharedPostgres` builds with its defaults, without a dependency
   */
  readonly postgres?: PostgresClusterComponent | { readonly endpoints: PostgresEndpoints };
  /** Database (and owner role) on that cluster. @default "keycloak" */
  readonly database?: string;
  /**
   * Connect to the primary directly or through PgBouncer. Keycloak keeps its own connection
   * pool, so the pooler adds a hop without saving connections. @default "rw"
   */
  readonly via?: "rw" | "pooler";
  /** 1Password item with fields `username` and `password` of the bootstrap admin. @default "keycloak-bootstrap-admin" */
  readonly bootstrapAdminItem?: string;
  /** The cilium component's `gateway` stage, i.e. `ref(cilium, "gateway")`. @default no dependency */
  readonly gateway?: Ref;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
  /** Deep-merged over the Keycloak CR's spec: objects merge, arrays replace, null deletes. */
  readonly spec?: DeepPartial<KeycloakSpec>;
  /** Deep-merged over the generated realm. */
  readonly realmOverrides?: DeepPartial<RealmRepresentation>;
}

/** Standard Keycloak OIDC endpoint URLs of one realm. */
export interface OidcEndpoints {
  readonly issuer: string;
  readonly discovery: string;
  readonly authorization: string;
  readonly token: string;
  readonly userinfo: string;
  readonly jwks: string;
  readonly endSession: string;
}

/** The endpoints Keycloak publishes under a realm's issuer URL. */
export function oidcEndpoints(issuerUrl: string): OidcEndpoints {
  const protocol = `${issuerUrl}/protocol/openid-connect`;
  return {
    issuer: issuerUrl,
    discovery: `${issuerUrl}/.well-known/openid-configuration`,
    authorization: `${protocol}/auth`,
    token: `${protocol}/token`,
    userinfo: `${protocol}/userinfo`,
    jwks: `${protocol}/certs`,
    endSession: `${protocol}/logout`,
  };
}

/** Keycloak's component value: what it provisions, what it needs, and where clients find it. */
export type KeycloakComponent = Component<KeycloakStage> &
  ProvidesNeeds &
  HasNeeds & {
    /** Public base URL, e.g. `https://auth.infra.lab.example.net`. */
    readonly url: string;
    readonly realm: string;
    /** OIDC issuer of the realm, e.g. `https://auth.infra.lab.example.net/realms/platform`. */
    readonly issuerUrl: string;
    /** The realm's OIDC endpoints, for clients that do not use discovery (e.g. Grafana's generic OAuth). */
    readonly oidc: OidcEndpoints;
    readonly groups: readonly string[];
  };

const isComponent = (value: object): value is PostgresClusterComponent => "stages" in value;

/**
 * Keycloak on the infra cluster: the upstream operator (a reusable base), a highly available
 * server on the shared Postgres behind the internal Gateway, and realm `platform` generated
 * from the OIDC client needs of the workloads. The value carries `provided.oidcClients` and
 * the typed `issuerUrl` consumers build their OIDC settings from.
 */
export function keycloak(context: ClusterContext, props: KeycloakProps = {}): KeycloakComponent {
  const name = "keycloak";
  const instances = props.instances ?? 2;
  if (!Number.isInteger(instances) || instances < 1) {
    throw new UserError(`keycloak: instances must be a whole number of at least 1, got ${showValue(instances)}`);
  }
  const realm = props.realm ?? "platform";
  const databaseName = props.database ?? "keycloak";
  const clients = props.oidcClients ?? [];
  const groups = props.groups ?? [platformAdminGroup];
  // Users sign in to GitLab and Harbor (external Gateway) from anywhere, so the realms are public;
  // the admin console is only on the internal Gateway.
  const hostname = gatewayHostname(context, "external", props.host ?? "auth");
  const adminHostname = gatewayHostname(context, "internal", props.host ?? "auth");
  const url = `https://${hostname}`;
  const endpoints = props.postgres?.endpoints ?? defaultPostgresEndpoints(context, databaseName);
  const database = keycloakDatabase(endpoints, databaseName, props.via ?? "rw");
  const bootstrapAdminSecret = "keycloak-bootstrap-admin";
  const keycloakStatus = (type: string) => `status.conditions.exists(e, e.type == '${type}' && e.status == 'True')`;

  const component = defineComponent<KeycloakStage>({
    name,
    namespace: operatorNamespace,
    area: "workloads",
    category: "platform",
    shared: [operatorBaseTree()],
    stages: [
      { name: "app", resources: [], bases: [operatorBase], healthChecks: [operatorHealthCheck] },
      {
        name: "server",
        dependsOn: [
          ...(props.postgres && isComponent(props.postgres) ? [ref(props.postgres)] : []),
          ...(props.secretStore ? [props.secretStore] : []),
          ...(props.gateway ? [props.gateway] : []),
        ],
        resources: [
          database.secret,
          externalSecret({ name: bootstrapAdminSecret, item: props.bootstrapAdminItem ?? "keycloak-bootstrap-admin", keys: ["username", "password"] }),
          keycloakServer({ name, url, adminUrl: `https://${adminHostname}`, instances, database: database.spec, bootstrapAdminSecret, spec: props.spec }),
          keycloakRoute(name, adminHostname, gatewayRef(context, "internal")),
          keycloakRoute(name, hostname, gatewayRef(context, "external"), publicPaths, `${name}-public`),
        ],
        healthCheckExprs: [{ apiVersion: "k8s.keycloak.org/v2beta1", kind: "Keycloak", current: keycloakStatus("Ready") }],
        // Database migrations on first start and a rolling update of two pods take a while.
        timeout: "15m",
      },
      {
        name: "realm",
        resources: [
          ...clients.filter((c) => !c.publicClient).map((c) => oidcClientSecret(c)),
          realmImport({ name: realm, keycloak: name, realm, displayName: props.realmDisplayName ?? "Platform", groups, clients, overrides: props.realmOverrides }),
        ],
        healthCheckExprs: [
          {
            apiVersion: "k8s.keycloak.org/v2beta1",
            kind: "KeycloakRealmImport",
            current: keycloakStatus("Done"),
            failed: keycloakStatus("HasErrors"),
          },
        ],
        timeout: "10m",
      },
    ],
  });
  const issuerUrl = `${url}/realms/${realm}`;
  return {
    ...component,
    provided: providedBag({ oidcClients: clients.map((c) => c.clientId) }),
    needs: needsBag({ databases: [databaseNeed({ consumer: "Keycloak", database: databaseName, owner: database.owner })] }),
    url,
    realm,
    issuerUrl,
    oidc: oidcEndpoints(issuerUrl),
    groups,
  };
}
export * from "./flows.js";
