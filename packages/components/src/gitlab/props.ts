import { UserError, showValue, type DeepPartial, type Ref } from "@k8s-gitops/core";
import type { GlobalServiceRef } from "../clustermesh/index.js";
import type { DragonflyMemory, DragonflyProps } from "../dragonfly/index.js";
import { platformServiceProblems } from "../needs/index.js";
import type { GitlabNeedsProps } from "./needs.js";
import type { GitlabValues, SecretKeyRef } from "./values.js";

export interface GitlabDatabaseProps {
  /**
   * The shared PostgreSQL on infra as a ClusterMesh global Service, e.g.
   * `infra.postgres.endpoints.global.rw`. GitLab runs migrations and uses prepared statements,
   * so give it the primary, not the transaction-mode pooler.
   */
  readonly endpoint: GlobalServiceRef;
  /** @default "gitlabhq_production" */
  readonly name?: string;
  /** The owning role GitLab logs in as. @default "gitlab" */
  readonly user?: string;
  /** 1Password item with the role's password (field `password`). */
  readonly secretItem: string;
}

export interface GitlabObjectStorageProps {
  /** The Ceph RGW S3 endpoint on infra as a ClusterMesh global Service. */
  readonly endpoint: GlobalServiceRef;
  /** 1Password item with the S3 user's `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. */
  readonly credentialsItem: string;
  /** RGW accepts any region name; S3 clients need one. @default "us-east-1" */
  readonly region?: string;
}

export interface GitlabOidcProps {
  /** The realm's issuer, i.e. the Keycloak component value's `issuerUrl`. */
  readonly issuerUrl: string;
  /** @default "gitlab" */
  readonly clientId?: string;
  /** 1Password item holding the client secret (field `client-secret`); Keycloak reads the same item. */
  readonly secretItem: string;
  /** Label of the sign-in button. @default "Keycloak" */
  readonly label?: string;
}

/** A Dragonfly instance in GitLab's namespace, built with the `dragonfly` builder. */
export interface GitlabDragonflyProps {
  /** The Dragonfly operator, i.e. `ref(dragonflyOperator(ctx))`. */
  readonly operator: Ref;
  /** @default "1Gi" */
  readonly memory?: DragonflyMemory;
  /** @default 2 (a primary and a replica the operator fails over to) */
  readonly replicas?: number;
  /** Password from field `password` of this 1Password item, or `false` for none. @default { item: "gitlab-redis" } */
  readonly auth?: { readonly item: string } | false;
  /** Periodic snapshots, so queued Sidekiq jobs survive a restart of every pod. @default none */
  readonly snapshot?: DragonflyProps["snapshot"];
}

/** A Redis-compatible server that exists already. */
export interface GitlabRedisEndpoint {
  readonly host: string;
  readonly port: number;
  /** The password's Secret in GitLab's namespace. @default no password */
  readonly password?: SecretKeyRef;
}

export type GitlabRedisProps = { readonly dragonfly: GitlabDragonflyProps } | { readonly endpoint: GitlabRedisEndpoint };

export interface GitlabProps extends GitlabNeedsProps {
  readonly database: GitlabDatabaseProps;
  readonly objectStorage: GitlabObjectStorageProps;
  readonly oidc: GitlabOidcProps;
  readonly redis: GitlabRedisProps;
  /** Host label of the container registry under the external domain. @default "registry" */
  readonly registryHost?: string;
  readonly ssh?: {
    /** Host label users clone from (`git@<host>.<external domain>`); point its DNS record at the SSH address. @default "ssh" */
    readonly host?: string;
    /** A fixed LoadBalancer address for gitlab-shell, from a pool of the inventory. @default any free address */
    readonly address?: string;
  };
  /**
   * 1Password item whose field `secrets.yml` holds the Rails secrets. @default the chart's
   * shared-secrets job generates them (they then exist only in this cluster)
   */
  readonly railsSecretsItem?: string;
  /** StorageClass of Gitaly's repositories. @default Rook's replicated block class */
  readonly gitalyStorageClass?: string;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
  /** The Gateways, i.e. `ref(cilium, "gateway")`. @default no dependency */
  readonly gateway?: Ref;
  /** More components the release waits for, e.g. those holding the ClusterMesh shadow Services. @default [] */
  readonly dependsOn?: readonly Ref[];
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<GitlabValues>;
}

/** Every problem of the props, each naming the field and the value; thrown as one UserError. */
export function assertValidProps(props: GitlabProps): void {
  const problems = platformServiceProblems(props, [
    ...("dragonfly" in props.redis && props.redis.dragonfly.auth ? [["redis.dragonfly.auth.item", props.redis.dragonfly.auth.item] as const] : []),
    ...(props.railsSecretsItem !== undefined ? [["railsSecretsItem", props.railsSecretsItem] as const] : []),
  ]);
  if ("endpoint" in props.redis) {
    const { host, port } = props.redis.endpoint;
    if (host.trim() === "") problems.push(`redis.endpoint.host must not be empty, got ${showValue(host)}`);
    if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`redis.endpoint.port must be an integer from 1 to 65535, got ${showValue(port)}`);
  }
  if (problems.length > 0) throw new UserError("gitlab: invalid props", problems);
}
