import { defineComponent, merge, repositoryChart, type ClusterContext, type Component } from "@k8s-gitops/core";
import { gatewayHostname, gatewayRef, oidcGroupsClaim, platformAdminGroup, storageClassNames } from "@k8s-gitops/core/conventions";
import { isRemote, serviceHost, serviceUrl, type GlobalServiceRef } from "../clustermesh/index.js";
import type { HasNeeds } from "../needs/index.js";
import { cacheStage } from "./cache.js";
import { releaseName } from "./names.js";
import { harborNeeds, harborUrl } from "./needs.js";
import { assertValidProps, type HarborProps } from "./props.js";
import { harborRoute } from "./route.js";
import { configOverwriteSecret, databaseSecret, internalSecrets, objectStorageSecret } from "./secrets.js";
import { oidcUserSettings } from "./user-settings.js";
import { harborValues } from "./values.js";

export { harborMonitoring } from "./alerts.js";
export { chartValuePaths, undocumentedValuePaths } from "./chart-paths.js";
export { leafPaths } from "@k8s-gitops/core/schemas";
export { dragonflyDatabases, dragonflyName, redisDatabases, type HarborCacheProps } from "./cache.js";
export { chartSecretNames, chartServices, corePathPrefixes, internalSecretFields, registryUser, releaseName, secretKeys, secretNames } from "./names.js";
export { harborNeeds, harborUrl, oidcCallback, type HarborNeedsProps } from "./needs.js";
export type { HarborDatabaseProps, HarborObjectStorageProps, HarborOidcProps, HarborProps } from "./props.js";
export { databasePasswordField, s3CredentialFields } from "./secrets.js";
export { clientSecretSetting, configOverwriteTemplate, oidcUserSettings, type HarborUserSettings } from "./user-settings.js";
export { harborValues, type EnvVar, type HarborValues, type ValuesInput } from "./values.js";

/** One pin, one place: the Flux source and any bootstrap read it. Chart 1.19.1 is Harbor 2.15.1. */
export const chart = repositoryChart("harbor", "https://helm.goharbor.io", "harbor", "1.19.1");

export type HarborStage = "cache" | "app";

/** Harbor's component value: what it needs from infra, where users find it, and what it reaches over ClusterMesh. */
export type HarborComponent = Component<HarborStage> &
  HasNeeds & {
    /** The UI and registry, e.g. `https://harbor.example.net` (`docker login harbor.example.net`). */
    readonly url: string;
    /**
     * Services of other clusters Harbor reaches through ClusterMesh. Each needs a selector-less
     * shadow Service on this cluster, in the owner's namespace (`remoteServiceShadow(ref)`); it
     * cannot live in Harbor's stages, whose Flux Kustomizations force every object into `harbor`.
     */
    readonly remoteServices: readonly GlobalServiceRef[];
  };

// Dragonfly runs in Harbor's namespace, so only Harbor's pods need to reach it.
const namespace = "harbor";

/**
 * Harbor (chart `harbor` from helm.goharbor.io) on the apps cluster: PostgreSQL and the registry's
 * object storage come from infra through typed ClusterMesh refs, Redis is a Dragonfly instance of
 * its own, login goes through Keycloak, every credential arrives through an ExternalSecret.
 * The chart's Services are exposed as ClusterIP and routed by the external Gateway, which ends TLS.
 * Stages: `cache` (Dragonfly) and `app` (release, secrets, route).
 */
export function harbor(context: ClusterContext, props: HarborProps): HarborComponent {
  assertValidProps(props);
  const hostname = gatewayHostname(context, "external", props.host ?? "harbor");
  const url = harborUrl(context, props.host);
  const needs = harborNeeds(context, props);
  const database = needs.databases[0]!;
  const bucket = needs.buckets[0]!;
  const client = needs.oidcClients[0]!;
  const cache = cacheStage<HarborStage>(context, namespace, "cache", props.cache);
  const values = merge(
    harborValues({
      externalURL: url,
      database: { host: serviceHost(props.database.endpoint), port: props.database.endpoint.port, name: database.database, user: database.owner },
      redisAddr: cache.addr,
      s3: { endpoint: serviceUrl(props.objectStorage.endpoint), region: props.objectStorage.region ?? "us-east-1", bucket: bucket.bucket },
      storageClass: props.storageClass ?? storageClassNames.block,
    }),
    props.values,
  );
  const settings = {
    ...oidcUserSettings({
      issuerUrl: props.oidc.issuerUrl,
      clientId: client.clientId,
      groupsClaim: oidcGroupsClaim,
      adminGroup: props.oidc.adminGroup ?? platformAdminGroup,
      name: props.oidc.label ?? "Keycloak",
    }),
    ...props.userSettings,
  };
  const component = defineComponent<HarborStage>({
    name: "harbor",
    namespace,
    area: "workloads",
    category: "platform",
    stages: [
      cache.stage,
      {
        name: "app",
        dependsOn: [...(props.secretStore ? [props.secretStore] : []), ...(props.gateway ? [props.gateway] : []), ...(props.dependsOn ?? [])],
        // Core migrates the database schema on first start and on upgrades.
        releases: [{ name: releaseName, chart, values, options: { timeout: "15m" } }],
        resources: [
          ...internalSecrets(props.secretsItem ?? "harbor"),
          databaseSecret(props.database.secretItem),
          objectStorageSecret(props.objectStorage.credentialsItem),
          configOverwriteSecret(client, settings),
          harborRoute(gatewayRef(context, "external"), { hostname, timeout: "3600s" }),
        ],
        timeout: "20m",
      },
    ],
  });
  return {
    ...component,
    needs,
    url,
    remoteServices: [props.database.endpoint, props.objectStorage.endpoint].filter((ref) => isRemote(context, ref)),
  };
}
export * from "./flows.js";
