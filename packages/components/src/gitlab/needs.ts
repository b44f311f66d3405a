import type { ClusterContext } from "@k8s-gitops/core";
import { gatewayHostname } from "@k8s-gitops/core/conventions";
import { bucketNeed, databaseNeed, oidcClientNeed, type Needs } from "../needs/index.js";

/** Who the needs are for, as errors name it. */
export const consumer = "GitLab";

/** Object types GitLab stores in buckets: the Rails object types, the registry, backups and their scratch space. */
export const bucketKinds = [
  "artifacts",
  "lfs",
  "uploads",
  "packages",
  "externalDiffs",
  "terraformState",
  "ciSecureFiles",
  "dependencyProxy",
  "registry",
  "backups",
  "tmp",
] as const;

export type BucketKind = (typeof bucketKinds)[number];

const kebab = (kind: string): string => kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** One bucket per object type, e.g. `gitlab-artifacts`, `gitlab-external-diffs`, `gitlab-tmp`. */
export function bucketNames(prefix: string): Readonly<Record<BucketKind, string>> {
  return Object.fromEntries(bucketKinds.map((kind) => [kind, `${prefix}-${kebab(kind)}`])) as Record<BucketKind, string>;
}

/**
 * The name-level choices the needs depend on. They are all the estate must know before infra is
 * built (infra provisions what apps needs), so the needs can be computed without the infra exports.
 */
export interface GitlabNeedsProps {
  /** Host label of the web UI under the external domain. @default "gitlab" */
  readonly host?: string;
  /** @default "gitlab" (buckets `gitlab-artifacts`, ...) */
  readonly bucketPrefix?: string;
  readonly database?: {
    /** @default "gitlabhq_production" */
    readonly name?: string;
    /** The role that owns the database and that GitLab logs in as. @default "gitlab" */
    readonly user?: string;
  };
  readonly oidc: {
    /** @default "gitlab" */
    readonly clientId?: string;
    /** 1Password item holding the client secret (field `client-secret`), read by Keycloak and GitLab. */
    readonly secretItem: string;
  };
}

export const defaultDatabase = { name: "gitlabhq_production", user: "gitlab" } as const;

/** The public URL of the web UI, e.g. `https://gitlab.example.net`. */
export function gitlabUrl(context: ClusterContext, host = "gitlab"): string {
  return `https://${gatewayHostname(context, "external", host)}`;
}

/** Where Keycloak sends the browser back to after login (GitLab's OmniAuth callback). */
export function oidcCallback(url: string): string {
  return `${url}/users/auth/openid_connect/callback`;
}

/**
 * The database, buckets and OIDC client GitLab needs from infra. {@link gitlab} returns exactly
 * these on its value; the estate can compute them first and hand them to the providers.
 */
export function gitlabNeeds(context: ClusterContext, props: GitlabNeedsProps): Needs {
  const buckets = bucketNames(props.bucketPrefix ?? "gitlab");
  return {
    databases: [
      databaseNeed({ consumer, database: props.database?.name ?? defaultDatabase.name, owner: props.database?.user ?? defaultDatabase.user }),
    ],
    buckets: bucketKinds.map((kind) => bucketNeed({ consumer, bucket: buckets[kind] })),
    oidcClients: [
      oidcClientNeed({
        consumer,
        clientId: props.oidc.clientId ?? "gitlab",
        redirectUris: [oidcCallback(gitlabUrl(context, props.host))],
        secretItem: props.oidc.secretItem,
      }),
    ],
  };
}
