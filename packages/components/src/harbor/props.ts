import { UserError, type DeepPartial, type Ref } from "@k8s-gitops/core";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import type { GlobalServiceRef } from "../clustermesh/index.js";
import type { HarborCacheProps } from "./cache.js";
import { platformServiceProblems } from "../needs/index.js";
import type { HarborNeedsProps } from "./needs.js";
import type { HarborUserSettings } from "./user-settings.js";
import type { HarborValues } from "./values.js";

export interface HarborDatabaseProps {
  /** The shared PostgreSQL on infra as a ClusterMesh global Service, e.g. `infra.postgres.endpoints.global.rw`. */
  readonly endpoint: GlobalServiceRef;
  /** @default "harbor" */
  readonly name?: string;
  /** The owning role Harbor logs in as. @default "harbor" */
  readonly user?: string;
  /** 1Password item with the role's password (field `password`), e.g. `infra.postgres.endpoints.databases.harbor.item`. */
  readonly secretItem: string;
}

export interface HarborObjectStorageProps {
  /** The Ceph RGW S3 endpoint on infra as a ClusterMesh global Service. */
  readonly endpoint: GlobalServiceRef;
  /** 1Password item with the bucket user's `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`. */
  readonly credentialsItem: string;
  /** RGW accepts any region name; S3 clients need one. @default "us-east-1" */
  readonly region?: string;
}

export interface HarborOidcProps {
  /** The realm's issuer, i.e. the Keycloak component value's `issuerUrl`. */
  readonly issuerUrl: string;
  /** @default "harbor" */
  readonly clientId?: string;
  /** 1Password item holding the client secret (field `client-secret`); Keycloak reads the same item. */
  readonly secretItem: string;
  /** Members of this group are Harbor system administrators. @default "platform-admins" (Keycloak's platformAdminGroup) */
  readonly adminGroup?: string;
  /** Label of the login button. @default "Keycloak" */
  readonly label?: string;
}

export interface HarborProps extends HarborNeedsProps {
  readonly database: HarborDatabaseProps;
  readonly objectStorage: HarborObjectStorageProps;
  readonly oidc: HarborOidcProps;
  /** The Dragonfly instance of the `cache` stage. */
  readonly cache: HarborCacheProps;
  /** 1Password item with Harbor's own secrets (fields in `internalSecretFields`). @default "harbor" */
  readonly secretsItem?: string;
  /** StorageClass of the job-log and Trivy volumes. @default Rook's replicated block class ("ceph-block") */
  readonly storageClass?: string;
  /** More user-scope settings for CONFIG_OVERWRITE_JSON, merged over the OIDC ones. @default {} */
  readonly userSettings?: HarborUserSettings;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
  /** The Gateways, i.e. `ref(cilium, "gateway")`. @default no dependency */
  readonly gateway?: Ref;
  /** More components the release waits for, e.g. those holding the ClusterMesh shadow Services. @default [] */
  readonly dependsOn?: readonly Ref[];
  /** Deep-merged over the defaults: objects merge, arrays replace, null deletes. */
  readonly values?: DeepPartial<HarborValues>;
}

/** Every problem of the props, each naming the field and the value; thrown as one UserError. */
export function assertValidProps(props: HarborProps): void {
  const problems = platformServiceProblems(props, [
    ["secretsItem", props.secretsItem ?? "harbor"],
    ["storageClass", props.storageClass ?? storageClassNames.block],
  ]);
  if (problems.length > 0) throw new UserError("harbor: invalid props", problems);
}
