/**
 * Tenants of the Ceph RGW on the cluster that runs it: per consumer an RGW user owning its
 * buckets, the user's keys pushed to 1Password, and the RGW exported over ClusterMesh under a
 * distinct name; {@link remoteObjectStore} is the consuming cluster's side.
 */
export {
  consumerProblems,
  objectStorageTenants,
  type ObjectStorageConsumer,
  type ObjectStorageEndpoints,
  type ObjectStorageTenants,
  type ObjectStorageTenantsProps,
  type ObjectStorageTenantsStage,
} from "./tenants.js";
export { remoteObjectStore, type RemoteObjectStore } from "./remote.js";
export { consumersFromNeeds, type ConsumerNaming } from "./consumers.js";
export { credentialsPush, globalRgw, objectStoreUser, ownedBucketClaim, type CephObjectStoreUser, type ObjectUserQuotas, type OwnedBucketClaim } from "./resources.js";
export {
  credentialFields,
  globalRgwService,
  operatorObcValues,
  remoteComponentName,
  requiredObcConfigFields,
  rgwContainerPort,
  rgwPodSelector,
  tenantsComponentName,
  userSecretKeys,
  userSecretName,
} from "./names.js";
export { offsiteCopyFlows } from "./flows.js";
