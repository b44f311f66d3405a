/**
 * Typed requirements between workloads and the platform services that provision them: a
 * workload declares the databases, buckets and OIDC clients it needs; each provider lists what
 * it provisions; {@link assertProvided} proves there is no dangling reference.
 */
export {
  bucketNeed,
  databaseNeed,
  needsBag,
  oidcClientNeed,
  oidcSecretField,
  type BucketNeed,
  type DatabaseNeed,
  type Need,
  type Needs,
  type OidcClientNeed,
  type OidcClientNeedProps,
} from "./needs.js";
export { collectNeeds, describeNeed, needName } from "./collect.js";
export {
  assertProvided,
  collectProvided,
  danglingNeeds,
  providedBag,
  type HasNeeds,
  type Provided,
  type ProviderNames,
  type ProvidesNeeds,
} from "./provided.js";
export { oidcClientSecret, oidcSecretName, oidcSecretVariable, type OidcClientSecretProps } from "./oidc.js";
export { postgresProvisioning } from "./postgres.js";
export { platformServiceProblems, type PlatformServiceProps } from "./consumer-props.js";
