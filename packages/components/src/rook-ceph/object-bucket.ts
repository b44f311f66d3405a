import { UserError, showValue, type PlainResource } from "@k8s-gitops/core";
import { objectStoreName, objectStoreService, rookNamespace, storageClassNames } from "./names.js";

/** The in-cluster S3 endpoint of the Ceph object store (RGW), for backup and application clients. */
export interface ObjectStoreEndpoint {
  /** `http://<service>.<namespace>.svc:<port>` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly service: string;
  readonly namespace: string;
  readonly store: string;
  /** RGW accepts any region name; S3 clients need one, and this is what Rook's own examples use. */
  readonly region: string;
  /** RGW serves buckets by path (`<url>/<bucket>`), not as virtual hosts. */
  readonly forcePathStyle: true;
}

/** The endpoint derived from the object store's name and the Service Rook creates for it. */
export function objectStoreEndpointOf(namespace: string = rookNamespace): ObjectStoreEndpoint {
  const host = `${objectStoreService.name}.${namespace}.svc`;
  return {
    url: `http://${host}:${objectStoreService.port}`,
    host,
    port: objectStoreService.port,
    service: objectStoreService.name,
    namespace,
    store: objectStoreName,
    region: "us-east-1",
    forcePathStyle: true,
  };
}

/** The object store of the `rook-ceph-cluster` component, as rendered by default. */
export const objectStoreEndpoint: ObjectStoreEndpoint = objectStoreEndpointOf();

/** An ObjectBucketClaim (objectbucket.io/v1alpha1); kubernetes-models has no class for it. */
export interface ObjectBucketClaim extends PlainResource {
  readonly apiVersion: "objectbucket.io/v1alpha1";
  readonly kind: "ObjectBucketClaim";
  readonly metadata: { readonly name: string; readonly namespace: string };
  readonly spec: { readonly generateBucketName: string; readonly storageClassName: string };
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * Claims a bucket in the Ceph object store for a consumer (CNPG backups, GitLab, Harbor).
 * Rook creates the bucket (named `<name>-<random suffix>`) and, in the claim's namespace, a
 * ConfigMap `<name>` (BUCKET_HOST, BUCKET_NAME, BUCKET_PORT) and a Secret `<name>`
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) for the client.
 */
export function objectBucket(name: string, namespace: string): ObjectBucketClaim {
  for (const [field, value] of [["name", name], ["namespace", namespace]] as const) {
    if (!dnsLabel.test(value)) {
      throw new UserError(`objectBucket(${showValue(name)}, ${showValue(namespace)}): ${field} must be a DNS label (lowercase letters, digits, '-'), got ${showValue(value)}`);
    }
  }
  return {
    apiVersion: "objectbucket.io/v1alpha1",
    kind: "ObjectBucketClaim",
    metadata: { name, namespace },
    spec: { generateBucketName: name, storageClassName: storageClassNames.bucket },
  };
}
