import { Database } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Database";
import type { ExternalSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret";
import { externalSecret } from "../external-secrets/index.js";
import type { PostgresNames } from "./names.js";

/** A login role managed by the Cluster; its password lives in 1Password only. */
export interface PostgresRole {
  readonly name: string;
  /** 1Password item whose field `password` is the role's password. @default "<cluster>-<role>" */
  readonly item?: string;
  /** @default false */
  readonly createdb?: boolean;
  /** Maximum concurrent connections of the role. @default unlimited */
  readonly connectionLimit?: number;
}

/** A database owned by one of the declared roles. */
export interface PostgresDatabase {
  readonly name: string;
  readonly owner: string;
  /** Extensions to create in the database (must ship with the image, e.g. `pg_trgm`, `btree_gist`). @default none */
  readonly extensions?: readonly string[];
}

/** The 1Password field every role item must have. */
export const passwordField = "password";

/** Keys of the basic-auth Secret CloudNativePG reads a role's password from. */
export const credentialKeys = { username: "username", password: "password" } as const;

/** Where a role's credentials come from and land: the 1Password item and the in-namespace Secret. */
export interface RoleCredentials {
  readonly role: string;
  readonly item: string;
  readonly secret: string;
}

export function roleCredentials(names: PostgresNames, role: PostgresRole): RoleCredentials {
  return { role: role.name, item: role.item ?? `${names.cluster}-${role.name}`, secret: names.roleSecret(role.name) };
}

/**
 * The role's basic-auth Secret, fetched from 1Password. The username is the role name itself
 * (CloudNativePG requires them to match), so the item only needs a `password` field. The
 * `cnpg.io/reload` label makes the operator pick up a rotated password without a restart.
 */
export function roleSecret(credentials: RoleCredentials): ExternalSecret {
  return externalSecret({
    name: credentials.secret,
    item: credentials.item,
    keys: [passwordField],
    type: "kubernetes.io/basic-auth",
    secretLabels: { "cnpg.io/reload": "true" },
    template: { [credentialKeys.username]: credentials.role, [credentialKeys.password]: `{{ .${passwordField} }}` },
  });
}

/** The `managed.roles` entry of a role: log in with the password from its Secret. */
export function managedRole(role: PostgresRole, credentials: RoleCredentials) {
  return {
    name: role.name,
    ensure: "present" as const,
    login: true,
    ...(role.createdb ? { createdb: true } : {}),
    ...(role.connectionLimit !== undefined ? { connectionLimit: role.connectionLimit } : {}),
    passwordSecret: { name: credentials.secret },
  };
}

/** One Database object per database; `retain` keeps the data when the object is removed. */
export function databaseObject(names: PostgresNames, database: PostgresDatabase): Database {
  return new Database({
    metadata: { name: names.database(database.name) },
    spec: {
      name: database.name,
      owner: database.owner,
      cluster: { name: names.cluster },
      ensure: "present",
      databaseReclaimPolicy: "retain",
      ...(database.extensions?.length ? { extensions: database.extensions.map((name) => ({ name, ensure: "present" as const })) } : {}),
    },
  });
}
