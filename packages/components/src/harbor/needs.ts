import type { ClusterContext } from "@k8s-gitops/core";
import { gatewayHostname } from "@k8s-gitops/core/conventions";
import { bucketNeed, databaseNeed, oidcClientNeed, type Needs } from "../needs/index.js";

/** Who the needs are for, as errors name it. */
export const consumer = "Harbor";

export const defaultDatabase = { name: "harbor", user: "harbor" } as const;
export const defaultBucket = "harbor-registry";
export const defaultClientId = "harbor";

/**
 * The name-level choices the needs depend on: all the estate must know before infra is built
 * (infra provisions what apps needs), so the needs can be computed without infra's exports.
 */
export interface HarborNeedsProps {
  /** Host label of Harbor under the external domain. @default "harbor" */
  readonly host?: string;
  /** The registry's bucket on the Ceph object store. @default "harbor-registry" */
  readonly bucket?: string;
  readonly database?: {
    /** @default "harbor" */
    readonly name?: string;
    /** The role that owns the database and that Harbor logs in as. @default "harbor" */
    readonly user?: string;
  };
  readonly oidc: {
    /** @default "harbor" */
    readonly clientId?: string;
    /** 1Password item holding the client secret (field `client-secret`), read by Keycloak and Harbor. */
    readonly secretItem: string;
  };
}

/** The public URL, e.g. `https://harbor.example.net`; also Harbor's `externalURL`. */
export function harborUrl(context: ClusterContext, host = "harbor"): string {
  return `https://${gatewayHostname(context, "external", host)}`;
}

/** Where Keycloak sends the browser back to after login (Harbor's OIDC callback). */
export function oidcCallback(url: string): string {
  return `${url}/c/oidc/callback`;
}

/**
 * The database, bucket and OIDC client Harbor needs from infra. {@link harbor} returns exactly
 * these on its value; the estate can compute them first and hand them to the providers.
 */
export function harborNeeds(context: ClusterContext, props: HarborNeedsProps): Needs {
  return {
    databases: [databaseNeed({ consumer, database: props.database?.name ?? defaultDatabase.name, owner: props.database?.user ?? defaultDatabase.user })],
    buckets: [bucketNeed({ consumer, bucket: props.bucket ?? defaultBucket })],
    oidcClients: [
      oidcClientNeed({
        consumer,
        clientId: props.oidc.clientId ?? defaultClientId,
        redirectUris: [oidcCallback(harborUrl(context, props.host))],
        secretItem: props.oidc.secretItem,
      }),
    ],
  };
}
