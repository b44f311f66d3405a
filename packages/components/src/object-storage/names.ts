import { objectStoreEndpoint, rookNamespace } from "../rook-ceph/index.js";

/** Name of the infra component that provisions users, buckets and credentials. */
export const tenantsComponentName = "object-storage-tenants";

/** Name of the apps component holding the shadow of the global RGW Service. */
export const remoteComponentName = "object-storage-remote";

/**
 * The RGW Service exported over ClusterMesh. Every cluster runs its own Rook with the same
 * per-store Service (`rook-ceph-rgw-ceph-objectstore`); making that one global would merge the
 * backends of both clusters' RGWs, so the infra RGW is exported under a name no cluster uses locally.
 */
export const globalRgwService = { name: "rook-ceph-rgw-global", namespace: rookNamespace, port: objectStoreEndpoint.port, portName: "http" } as const;

/**
 * Labels Rook puts on the RGW pods of a store and selects them by in its own Service
 * (`getLabels(store, namespace, false)` in pkg/operator/ceph/object/spec.go).
 */
export const rgwPodSelector: Readonly<Record<string, string>> = {
  app: "rook-ceph-rgw",
  rook_cluster: rookNamespace,
  rook_object_store: objectStoreEndpoint.store,
};

/**
 * Port the RGW container listens on when it is not on the host network: Rook's own Service maps
 * the gateway port (80) to it (`rgwPortInternalPort` in pkg/operator/ceph/object/config.go).
 */
export const rgwContainerPort = 8080;

/** The Secret Rook writes for a CephObjectStoreUser: `rook-ceph-object-user-<store>-<user>`. */
export function userSecretName(user: string): string {
  return `rook-ceph-object-user-${objectStoreEndpoint.store}-${user}`;
}

/** Keys of that Secret. */
export const userSecretKeys = { accessKey: "AccessKey", secretKey: "SecretKey" } as const;

/**
 * Fields of the consumer's 1Password item: the names S3 clients (and the GitLab and Harbor
 * components) read, so the item works unchanged as an environment file.
 */
export const credentialFields = { accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } as const;

/** Flux leaves objects with this annotation in place when they disappear from the repository. */
export const keepOnPrune = { "kustomize.toolkit.fluxcd.io/prune": "disabled" } as const;

/**
 * OBC `additionalConfig` keys this module writes. Since Rook 1.17 the operator refuses every key
 * outside `ROOK_OBC_ALLOW_ADDITIONAL_CONFIG_FIELDS` (default `maxObjects,maxSize`) with
 * `OBC config "bucketOwner" is not allowed`, so the operator must allow these.
 */
export const requiredObcConfigFields = ["bucketOwner"] as const;

/**
 * The rook-ceph operator chart value that allows them (chart key `obcAllowAdditionalConfigFields`,
 * rendered into `rook-ceph-operator-config`), keeping Rook's defaults.
 */
export const operatorObcValues = { obcAllowAdditionalConfigFields: ["maxObjects", "maxSize", ...requiredObcConfigFields].join(",") } as const;

/** The CronJob copying one user's buckets to the off-cluster target. */
export function offsiteCopyName(user: string): string {
  return `offsite-copy-${user}`;
}
