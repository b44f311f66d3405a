import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { UserError, showValue } from "@k8s-gitops/core";
import { externalSecret } from "../external-secrets/index.js";
import { credentialKeys, passwordField } from "./credentials.js";
import type { GlobalServiceRef } from "./global-service.js";

/** A Service consumers connect to. */
export interface ServiceEndpoint {
  readonly host: string;
  readonly port: number;
  readonly service: string;
  readonly namespace: string;
}

/** A database and how its owner logs in. */
export interface DatabaseEndpoint {
  readonly name: string;
  readonly owner: string;
  /** The owner's basic-auth Secret in the database's namespace (keys `username`, `password`). */
  readonly secret: { readonly name: string; readonly usernameKey: "username"; readonly passwordKey: "password" };
  /** The 1Password item (field `password`) behind that Secret, for consumers in other namespaces or clusters. */
  readonly item: string;
}

/** What a Postgres cluster offers its consumers; every name is derived from the same values as the objects. */
export interface PostgresEndpoints {
  /** The primary, read-write. */
  readonly rw: ServiceEndpoint;
  /** Hot standbys only, read-only. */
  readonly ro: ServiceEndpoint;
  /** PgBouncer in front of the primary; absent when the pooler is switched off. */
  readonly pooler?: ServiceEndpoint;
  readonly databases: Readonly<Record<string, DatabaseEndpoint>>;
  /** ClusterMesh global Services, present when `globalService` is on. */
  readonly global?: { readonly rw: GlobalServiceRef; readonly pooler?: GlobalServiceRef };
}

export interface DatabaseSecretProps {
  /** Name of the Secret (and ExternalSecret) in the consumer's namespace. */
  readonly name: string;
  /** The Service to connect to. @default the pooler when there is one, else the primary */
  readonly via?: ServiceEndpoint;
}

/**
 * The connection Secret a consumer in another namespace (or cluster) declares for one database:
 * `host`, `port`, `database`, `username` from the endpoints, `password` from the same 1Password
 * item the role's own Secret reads, so nothing is retyped and nothing is copied across namespaces.
 */
export function databaseSecret(
  endpoints: Pick<PostgresEndpoints, "rw" | "pooler" | "databases">,
  database: string,
  props: DatabaseSecretProps,
): ExternalSecret {
  const db = endpoints.databases[database];
  if (!db) {
    const known = Object.keys(endpoints.databases).map((name) => showValue(name));
    throw new UserError(`databaseSecret ${showValue(props.name)}: the Postgres cluster has no database ${showValue(database)} (it has: ${known.join(", ") || "none"})`);
  }
  const via = props.via ?? endpoints.pooler ?? endpoints.rw;
  return externalSecret({
    name: props.name,
    item: db.item,
    keys: [passwordField],
    template: {
      host: via.host,
      port: String(via.port),
      database: db.name,
      [credentialKeys.username]: db.owner,
      [credentialKeys.password]: `{{ .${passwordField} }}`,
    },
  });
}
