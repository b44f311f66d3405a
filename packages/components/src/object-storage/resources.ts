import { PushSecret } from "@kubernetes-models/external-secrets/external-secrets.io/v1alpha1/PushSecret";
import type { PlainResource } from "@k8s-gitops/core";
import { Service } from "kubernetes-models/v1";
import type { GlobalServiceRef } from "../clustermesh/index.js";
import { storageClassNames } from "@k8s-gitops/core/conventions";
import { objectStoreEndpoint } from "../rook-ceph/index.js";
import { credentialFields, keepOnPrune, rgwContainerPort, rgwPodSelector, userSecretKeys, userSecretName } from "./names.js";

/** Limits on everything a user owns; RGW enforces them across all of the user's buckets. */
export interface ObjectUserQuotas {
  /** @default unlimited (RGW's own default of 1000) */
  readonly maxBuckets?: number;
  /** A Kubernetes quantity, e.g. `"500Gi"`. @default unlimited */
  readonly maxSize?: string;
  /** @default unlimited */
  readonly maxObjects?: number;
}

/** A CephObjectStoreUser (ceph.rook.io/v1); kubernetes-models has no class for it. */
export interface CephObjectStoreUser extends PlainResource {
  readonly apiVersion: "ceph.rook.io/v1";
  readonly kind: "CephObjectStoreUser";
  readonly metadata: { readonly name: string; readonly annotations: Readonly<Record<string, string>> };
  readonly spec: { readonly store: string; readonly displayName: string; readonly quotas?: ObjectUserQuotas };
}

/** An ObjectBucketClaim (objectbucket.io/v1alpha1) for a bucket with a fixed name and owner. */
export interface OwnedBucketClaim extends PlainResource {
  readonly apiVersion: "objectbucket.io/v1alpha1";
  readonly kind: "ObjectBucketClaim";
  readonly metadata: { readonly name: string; readonly annotations: Readonly<Record<string, string>> };
  readonly spec: {
    readonly bucketName: string;
    readonly storageClassName: string;
    readonly additionalConfig: { readonly bucketOwner: string };
  };
}

/**
 * The RGW user of one consumer. It has no admin capabilities: owning its buckets is all an S3
 * client needs. Rook generates its keys into {@link userSecretName}. Flux keeps it when it leaves
 * the repository, because its buckets (kept by the `Retain` bucket class) would lose their owner.
 */
export function objectStoreUser(user: string, displayName: string, quotas?: ObjectUserQuotas): CephObjectStoreUser {
  return {
    apiVersion: "ceph.rook.io/v1",
    kind: "CephObjectStoreUser",
    metadata: { name: user, annotations: { ...keepOnPrune } },
    spec: { store: objectStoreEndpoint.store, displayName, ...(quotas ? { quotas: { ...quotas } } : {}) },
  };
}

/**
 * A bucket under its exact name (consumers are configured with it), owned by `owner`: Rook creates
 * it and links it to that user instead of to a per-claim user, so one key pair reaches every
 * bucket of a consumer. Flux never prunes the claim: deleting it would release the bucket.
 */
export function ownedBucketClaim(bucket: string, owner: string): OwnedBucketClaim {
  return {
    apiVersion: "objectbucket.io/v1alpha1",
    kind: "ObjectBucketClaim",
    metadata: { name: bucket, annotations: { ...keepOnPrune } },
    spec: { bucketName: bucket, storageClassName: storageClassNames.bucket, additionalConfig: { bucketOwner: owner } },
  };
}

/**
 * Copies the user's Rook-generated keys into the consumer's 1Password item, where the consumer
 * (on another cluster) reads them with an ExternalSecret. The repository holds only the names.
 * `deletionPolicy: None`: removing the PushSecret must not take the credentials from a running consumer.
 */
export function credentialsPush(user: string, item: string, store: string): PushSecret {
  return new PushSecret({
    metadata: { name: `${user}-s3-credentials` },
    spec: {
      refreshInterval: "1h",
      deletionPolicy: "None",
      secretStoreRefs: [{ kind: "ClusterSecretStore", name: store }],
      selector: { secret: { name: userSecretName(user) } },
      data: [
        { match: { secretKey: userSecretKeys.accessKey, remoteRef: { remoteKey: item, property: credentialFields.accessKeyId } } },
        { match: { secretKey: userSecretKeys.secretKey, remoteRef: { remoteKey: item, property: credentialFields.secretAccessKey } } },
      ],
    },
  });
}

/**
 * The infra RGW as a ClusterMesh global Service: the same pods as Rook's own Service, under the
 * ref's name (one the other clusters do not use for their local RGW). `annotations` come from
 * `exportGlobalService`, which refuses a ref owned by another cluster.
 */
export function globalRgw(ref: GlobalServiceRef, annotations: Readonly<Record<string, string>>): Service {
  return new Service({
    metadata: { name: ref.name, annotations: { ...annotations } },
    spec: {
      type: "ClusterIP",
      selector: { ...rgwPodSelector },
      ports: [{ name: ref.portName ?? "http", port: ref.port, protocol: "TCP", targetPort: rgwContainerPort }],
    },
  });
}
