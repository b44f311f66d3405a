import { defineComponent, showValue, UserError, type ClusterContext, type Component, type HealthCheckExpr, type Ref } from "@k8s-gitops/core";
import { exportGlobalService, globalServiceRef, type GlobalServiceRef } from "../clustermesh/index.js";
import { defaultSecretStore } from "@k8s-gitops/core/conventions";
import { bucketNeed, providedBag, type ProvidesNeeds } from "../needs/index.js";
import { bucketCopy, offsiteTarget } from "../offsite-backup/index.js";
import { objectStoreEndpoint, rookNamespace } from "../rook-ceph/index.js";
import { globalRgwService, offsiteCopyName, tenantsComponentName, userSecretKeys, userSecretName } from "./names.js";
import { credentialsPush, globalRgw, objectStoreUser, ownedBucketClaim, type ObjectUserQuotas } from "./resources.js";

/** One workload's share of the object store: an RGW user that owns all of the workload's buckets. */
export interface ObjectStorageConsumer {
  /** Who uses the buckets, as errors name it (e.g. `GitLab`); also the user's display name. */
  readonly consumer: string;
  /** The RGW user (CephObjectStoreUser name); a DNS label, unique in the store. */
  readonly user: string;
  /**
   * 1Password item the user's keys are pushed to, as fields `AWS_ACCESS_KEY_ID` and
   * `AWS_SECRET_ACCESS_KEY`; the consumer reads the same item.
   */
  readonly credentialsItem: string;
  /** Buckets created under exactly these names, each owned by `user`. */
  readonly buckets: readonly string[];
  /** @default no quotas */
  readonly quotas?: ObjectUserQuotas;
}

export interface ObjectStorageTenantsProps {
  readonly consumers: readonly ObjectStorageConsumer[];
  /**
   * The stage holding the CephObjectStore, i.e. `ref(rookCephCluster, "storage")`: users and
   * claims need the store and the `ceph-bucket` class. @default no dependency
   */
  readonly objectStore?: Ref;
  /** The secret store stage, i.e. `secretStoreRef(onePasswordConnect)`. @default no dependency */
  readonly secretStore?: Ref;
  /**
   * ClusterSecretStore the PushSecrets write to. The consumer's cluster must read the vault this
   * store writes new items into. @default "onepassword"
   */
  readonly pushStore?: string;
}

export type ObjectStorageTenantsStage = "users" | "buckets" | "credentials";

/** What the object store offers other clusters. */
export interface ObjectStorageEndpoints {
  /** The RGW S3 API as a ClusterMesh global Service (plain HTTP, path-style buckets). */
  readonly s3: GlobalServiceRef;
}

export type ObjectStorageTenants = Component<ObjectStorageTenantsStage> &
  ProvidesNeeds & {
    readonly endpoints: ObjectStorageEndpoints;
    /** The off-cluster copy CronJobs (one per user; none without `external.offsiteBackup`), for their alerts. */
    readonly offsiteCopies: readonly string[];
  };

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const quantity = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

const userReady: HealthCheckExpr = {
  apiVersion: "ceph.rook.io/v1",
  kind: "CephObjectStoreUser",
  current: "status.phase == 'Ready'",
  failed: "status.phase == 'ReconcileFailed'",
};
const claimBound: HealthCheckExpr = {
  apiVersion: "objectbucket.io/v1alpha1",
  kind: "ObjectBucketClaim",
  current: "status.phase == 'Bound'",
  failed: "status.phase == 'Failed'",
};

function quotaProblems(at: string, quotas: ObjectUserQuotas | undefined): string[] {
  if (!quotas) return [];
  const problems: string[] = [];
  for (const field of ["maxBuckets", "maxObjects"] as const) {
    const value = quotas[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) problems.push(`${at}.quotas.${field} must be a non-negative integer, got ${showValue(value)}`);
  }
  if (quotas.maxSize !== undefined && !quantity.test(quotas.maxSize)) {
    problems.push(`${at}.quotas.maxSize must be a Kubernetes quantity such as "500Gi", got ${showValue(quotas.maxSize)}`);
  }
  return problems;
}

/** Every problem of the consumers list, each naming the field path and the value. */
export function consumerProblems(consumers: readonly ObjectStorageConsumer[]): string[] {
  const problems: string[] = [];
  const users = new Map<string, string>();
  const items = new Map<string, string>();
  const owners = new Map<string, string>();
  consumers.forEach((c, i) => {
    const at = `consumers[${i}]`;
    if (c.consumer.trim() === "") problems.push(`${at}.consumer must name the workload, got ${showValue(c.consumer)}`);
    if (!dnsLabel.test(c.user)) problems.push(`${at}.user must be a DNS label (it names a CephObjectStoreUser and its Secret), got ${showValue(c.user)}`);
    else if (users.has(c.user)) problems.push(`${at}.user ${showValue(c.user)} is already the user of ${users.get(c.user)}`);
    else users.set(c.user, c.consumer);
    if (c.credentialsItem.trim() === "") problems.push(`${at}.credentialsItem must name a 1Password item, got ${showValue(c.credentialsItem)}`);
    // Two users pushing into one item would overwrite each other's keys on every refresh.
    else if (items.has(c.credentialsItem)) problems.push(`${at}.credentialsItem ${showValue(c.credentialsItem)} already holds the keys of ${items.get(c.credentialsItem)}`);
    else items.set(c.credentialsItem, c.consumer);
    if (c.buckets.length === 0) problems.push(`${at}.buckets must list at least one bucket for ${c.consumer}`);
    c.buckets.forEach((bucket, b) => {
      try {
        bucketNeed({ consumer: c.consumer || "?", bucket });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problems.push(`${at}.buckets[${b}]: ${error.message}`);
        return;
      }
      const owner = owners.get(bucket);
      if (owner !== undefined) problems.push(`${at}.buckets[${b}] ${showValue(bucket)} is already owned by ${owner}; a bucket has exactly one owner`);
      else owners.set(bucket, `${c.consumer} (user ${showValue(c.user)})`);
    });
    problems.push(...quotaProblems(at, c.quotas));
  });
  return problems;
}

/**
 * The object-storage tenants of the Ceph RGW on the cluster that runs it (infra): per consumer a
 * CephObjectStoreUser, its buckets as ObjectBucketClaims owned by that user, and a PushSecret that
 * copies the user's keys to the consumer's 1Password item; plus the RGW exported over ClusterMesh
 * as `rook-ceph-rgw-global`. Stages: `users` (users, global Service; healthy once Rook made the
 * users, which the claims' `bucketOwner` needs), `buckets` (claims, healthy once bound),
 * `credentials` (PushSecrets, after the secret store).
 *
 * Needs the operator to allow the `bucketOwner` OBC field ({@link operatorObcValues}).
 */
export function objectStorageTenants(context: ClusterContext, props: ObjectStorageTenantsProps): ObjectStorageTenants {
  const problems = consumerProblems(props.consumers);
  if (props.pushStore !== undefined && !dnsLabel.test(props.pushStore)) problems.push(`pushStore must name a ClusterSecretStore, got ${showValue(props.pushStore)}`);
  if (problems.length > 0) throw new UserError(`objectStorageTenants on cluster ${context.inventory.cluster.name}: invalid props`, problems);

  const s3 = globalServiceRef(context, globalRgwService);
  const users = props.consumers.map((c) => objectStoreUser(c.user, c.consumer, c.quotas));
  const claims = props.consumers.flatMap((c) => c.buckets.map((bucket) => ownedBucketClaim(bucket, c.user)));
  const pushes = props.consumers.map((c) => credentialsPush(c.user, c.credentialsItem, props.pushStore ?? defaultSecretStore));
  // The user-data buckets leave the cluster every night too (the inventory's external.offsiteBackup):
  // one copy job per user, reading with the user's own keys (the Secret Rook writes next to the job).
  const offsite = offsiteTarget(context.inventory);
  const copies = offsite
    ? props.consumers.flatMap((c) =>
        bucketCopy({
          name: offsiteCopyName(c.user),
          namespace: rookNamespace,
          source: { endpoint: objectStoreEndpoint.url, secret: { name: userSecretName(c.user), accessKeyId: userSecretKeys.accessKey, secretAccessKey: userSecretKeys.secretKey } },
          buckets: c.buckets.map((bucket) => ({ bucket, folder: `buckets/${bucket}` })),
          target: offsite,
        }),
      )
    : [];
  const check = (resource: { apiVersion: string; kind: string; metadata: { name: string } }) => ({
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: resource.metadata.name,
    namespace: rookNamespace,
  });

  const component = defineComponent<ObjectStorageTenantsStage>({
    name: tenantsComponentName,
    namespace: rookNamespace,
    area: "infrastructure",
    category: "storage",
    ...(props.objectStore ? { dependsOn: [props.objectStore] } : {}),
    stages: [
      {
        name: "users",
        resources: [...users, globalRgw(s3, exportGlobalService(context, s3))],
        ...(users.length > 0 ? { healthChecks: users.map(check), healthCheckExprs: [userReady] } : {}),
      },
      // Without consumers only the global Service remains; empty stages would be empty Flux Kustomizations.
      ...(claims.length > 0
        ? [
            // The health checks name the claims only: a CronJob has no readiness to wait for.
            { name: "buckets" as const, resources: [...claims, ...copies], healthChecks: claims.map(check), healthCheckExprs: [claimBound] },
            { name: "credentials" as const, resources: pushes, ...(props.secretStore ? { dependsOn: [props.secretStore] } : {}) },
          ]
        : []),
    ],
  });
  return {
    ...component,
    provided: providedBag({ buckets: claims.map((c) => c.spec.bucketName).sort() }),
    endpoints: { s3 },
    offsiteCopies: offsite ? props.consumers.map((c) => offsiteCopyName(c.user)) : [],
  };
}
