import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { UserError, showValue, type ClusterContext } from "@k8s-gitops/core";
import { databaseSecret, defaultOperatorNamespace, sharedPostgres, type PostgresEndpoints } from "../cloudnative-pg/index.js";
import type { KeycloakSpec } from "./server.js";

/** Secret (in the Keycloak namespace) holding the database login; keys from `databaseSecret`. */
export const databaseSecretName = "keycloak-db";

/**
 * Endpoints of the shared Postgres as `sharedPostgres` builds it with its defaults, for a
 * Keycloak rendered without the real component (tests, other repositories). Computing them
 * from the same builder keeps the names from drifting apart.
 */
export function defaultPostgresEndpoints(context: ClusterContext, database: string): PostgresEndpoints {
  return sharedPostgres(context, { databases: [database], operator: { name: "cloudnative-pg", namespace: defaultOperatorNamespace } }).endpoints;
}

export interface KeycloakDatabase {
  readonly spec: KeycloakSpec["db"];
  /**
   * The login Secret. The role's own Secret lives in the database's namespace and Keycloak can
   * only read Secrets in its own, so an ExternalSecret here reads the same 1Password item.
   */
  readonly secret: ExternalSecret;
  readonly owner: string;
}

/** Keycloak's `db` section and login Secret for one database of a CloudNativePG cluster. */
export function keycloakDatabase(endpoints: PostgresEndpoints, database: string, via: "rw" | "pooler"): KeycloakDatabase {
  const db = endpoints.databases[database];
  if (!db) {
    const known = Object.keys(endpoints.databases).map((name) => showValue(name));
    throw new UserError(
      `keycloak: the Postgres cluster provisions no database ${showValue(database)} (it has: ${known.join(", ") || "none"}); add it to the shared Postgres databases`,
    );
  }
  const service = via === "pooler" ? endpoints.pooler : endpoints.rw;
  if (!service) throw new UserError(`keycloak: via is "pooler" but the Postgres cluster has no pooler; use via "rw" or enable the pooler`);
  return {
    spec: {
      vendor: "postgres",
      host: service.host,
      port: service.port,
      database: db.name,
      usernameSecret: { name: databaseSecretName, key: "username" },
      passwordSecret: { name: databaseSecretName, key: "password" },
    },
    secret: databaseSecret(endpoints, database, { name: databaseSecretName, via: service }),
    owner: db.owner,
  };
}
