import {
  append,
  defineComponent,
  merge,
  patch,
  repositoryChart,
  showValue,
  UserError,
  type ClusterContext,
  type Component,
  type Stage,
} from "@k8s-gitops/core";
import { gatewayDomain, gatewayHostname, gatewayRef, storageClassNames } from "@k8s-gitops/core/conventions";
import { isRemote, serviceHost, serviceUrl, type GlobalServiceRef } from "../clustermesh/index.js";
import { dragonflyStage, type DragonflyResource } from "../dragonfly/index.js";
import type { HasNeeds } from "../needs/index.js";
import { chartServices, releaseName, secretNames } from "./names.js";
import { bucketNames, gitlabNeeds, gitlabUrl, oidcCallback } from "./needs.js";
import { assertValidProps, type GitlabProps, type GitlabRedisEndpoint } from "./props.js";
import { route } from "./routes.js";
import { objectStorageSecret, oidcProviderSecret, postgresPasswordKey, postgresSecret, railsSecret } from "./secrets.js";
import { sshService } from "./ssh.js";
import { gitlabValues } from "./values.js";

export { gitlabMonitoring } from "./alerts.js";
export { chartTopLevelKeys, chartValuePaths, undocumentedValuePaths } from "./chart-paths.js";
export { leafPaths } from "@k8s-gitops/core/schemas";
export { chartGeneratedSecrets, chartServices, objectStorageKeys, releaseName, secretNames } from "./names.js";
export { bucketKinds, bucketNames, gitlabNeeds, gitlabUrl, oidcCallback, type BucketKind, type GitlabNeedsProps } from "./needs.js";
export type {
  GitlabDatabaseProps,
  GitlabDragonflyProps,
  GitlabObjectStorageProps,
  GitlabOidcProps,
  GitlabProps,
  GitlabRedisEndpoint,
  GitlabRedisProps,
} from "./props.js";
export { s3CredentialFields } from "./secrets.js";
export { gitlabValues, type GitlabValues, type SecretKeyRef, type ValuesInput } from "./values.js";

/**
 * One pin, one place. Chart 9.11.7 is GitLab 18.11.6, the last minor of the 9.x (GitLab 18)
 * series; 10.x (GitLab 19) changes the ingress and object-storage defaults.
 */
export const chart = repositoryChart("gitlab", "https://charts.gitlab.io", "gitlab", "9.11.7");

export type GitlabStage = "cache" | "app";

/** GitLab's component value: what it needs from infra, where users find it, and what it reaches over ClusterMesh. */
export type GitlabComponent = Component<GitlabStage> &
  HasNeeds & {
    /** The web UI, e.g. `https://gitlab.example.net`. */
    readonly url: string;
    /** The container registry, e.g. `https://registry.example.net`. */
    readonly registryUrl: string;
    /** Where `git clone git@<host>:...` goes (the gitlab-shell LoadBalancer Service). */
    readonly ssh: { readonly host: string; readonly port: number };
    /**
     * Services of other clusters GitLab reaches through ClusterMesh. Each needs a selector-less
     * shadow Service on this cluster, in the owner's namespace (`remoteServiceShadow(ref)`); it
     * cannot live in GitLab's stages, whose Flux Kustomizations force every object into `gitlab`.
     */
    readonly remoteServices: readonly GlobalServiceRef[];
  };

// Dragonfly runs in GitLab's namespace: the operator's NetworkPolicy admits clients of the
// Redis port from the instance's own namespace only.
const namespace = "gitlab";

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The SSH host bypasses the Gateway (its own LoadBalancer address) but lives in the same zone. */
function sshHostname(domain: string, label: string): string {
  if (!dnsLabel.test(label)) throw new UserError(`gitlab: ssh.host must be one DNS label (lowercase letters, digits, '-'), got ${showValue(label)}`);
  return `${label}.${domain}`;
}
const dragonflyName = "gitlab-dragonfly";

// GitLab's Lua scripts (Sidekiq, rate limits, leases) were written for a single Redis and may
// touch keys they do not declare; Dragonfly refuses such scripts unless told otherwise.
const undeclaredKeysFlag = "--default_lua_flags=allow-undeclared-keys";

/** The `cache` stage (a Dragonfly instance in GitLab's namespace) and how GitLab reaches it. */
function cache(context: ClusterContext, props: GitlabProps): { stage?: Stage<GitlabStage>; endpoint: GitlabRedisEndpoint } {
  if ("endpoint" in props.redis) return { endpoint: props.redis.endpoint };
  const options = props.redis.dragonfly;
  const auth = options.auth === false ? undefined : (options.auth ?? { item: "gitlab-redis" });
  const { stage, endpoints } = dragonflyStage(context, "cache", {
    name: dragonflyName,
    namespace,
    memory: options.memory ?? "1Gi",
    replicas: options.replicas ?? 2,
    operator: options.operator,
    ...(auth ? { auth } : {}),
    ...(options.snapshot ? { snapshot: options.snapshot } : {}),
    dependsOn: auth && props.secretStore ? [props.secretStore] : [],
  });
  return {
    stage: patch<Stage<GitlabStage>, DragonflyResource>(stage, { kind: "Dragonfly", apiVersion: "dragonflydb.io/v1alpha1", name: dragonflyName }, { spec: { args: append(undeclaredKeysFlag) } }),
    endpoint: {
      host: endpoints.host,
      port: endpoints.port,
      ...(endpoints.password ? { password: { secret: endpoints.password.secret, key: endpoints.password.key } } : {}),
    },
  };
}

/**
 * GitLab (chart `gitlab` from charts.gitlab.io) on the apps cluster: PostgreSQL, object storage
 * and SSO come from infra (typed ClusterMesh refs and the Keycloak issuer), Redis is a Dragonfly
 * instance of its own, credentials arrive through ExternalSecrets only. The web UI and the
 * registry are routed through the external Gateway; SSH is a LoadBalancer Service.
 * Stages: `cache` (Dragonfly, unless `redis.endpoint` is given) and `app` (release, secrets, routes).
 */
export function gitlab(context: ClusterContext, props: GitlabProps): GitlabComponent {
  assertValidProps(props);
  const domain = gatewayDomain(context, "external");
  const gitlabHost = gatewayHostname(context, "external", props.host ?? "gitlab");
  const registryHost = gatewayHostname(context, "external", props.registryHost ?? "registry");
  const sshHost = sshHostname(domain, props.ssh?.host ?? "ssh");
  const url = gitlabUrl(context, props.host);
  const needs = gitlabNeeds(context, props);
  const oidcNeed = needs.oidcClients[0]!;
  const databaseNeed = needs.databases[0]!;
  const buckets = bucketNames(props.bucketPrefix ?? "gitlab");
  const s3Ref = props.objectStorage.endpoint;
  const s3 = {
    url: serviceUrl(s3Ref),
    host: serviceHost(s3Ref),
    hostPort: `${serviceHost(s3Ref)}:${s3Ref.port}`,
    region: props.objectStorage.region ?? "us-east-1",
  };
  const redis = cache(context, props);
  const values = merge(
    gitlabValues({
      domain,
      gitlabHost,
      registryHost,
      sshHost,
      psql: {
        host: serviceHost(props.database.endpoint),
        port: props.database.endpoint.port,
        database: databaseNeed.database,
        username: databaseNeed.owner,
        password: { secret: secretNames.postgres, key: postgresPasswordKey },
      },
      redis: redis.endpoint,
      buckets,
      objectStorageSecret: secretNames.objectStorage,
      oidcProviderSecret: secretNames.oidcProvider,
      ...(props.railsSecretsItem ? { railsSecret: secretNames.railsSecrets } : {}),
      ssh: sshService(context.inventory, props.ssh?.address),
      gitalyStorageClass: props.gitalyStorageClass ?? storageClassNames.block,
    }),
    props.values,
  );
  const gateway = gatewayRef(context, "external");
  const component = defineComponent<GitlabStage>({
    name: "gitlab",
    namespace,
    area: "workloads",
    category: "platform",
    stages: [
      ...(redis.stage ? [redis.stage] : []),
      {
        name: "app",
        dependsOn: [...(props.secretStore ? [props.secretStore] : []), ...(props.gateway ? [props.gateway] : []), ...(props.dependsOn ?? [])],
        // Database migrations run inside the release on install and on every upgrade.
        releases: [{ name: releaseName, chart, values, options: { timeout: "20m" } }],
        resources: [
          postgresSecret(props.database.secretItem),
          objectStorageSecret(props.objectStorage.credentialsItem, s3, buckets.registry),
          oidcProviderSecret(oidcNeed, { issuerUrl: props.oidc.issuerUrl, redirectUri: oidcCallback(url), label: props.oidc.label ?? "Keycloak" }),
          ...(props.railsSecretsItem ? [railsSecret(props.railsSecretsItem)] : []),
          route(gateway, { name: "gitlab", hostname: gitlabHost, service: chartServices.webservice, timeout: "3600s" }),
          route(gateway, { name: "gitlab-registry", hostname: registryHost, service: chartServices.registry, timeout: "900s" }),
        ],
        timeout: "30m",
      },
    ],
  });
  return {
    ...component,
    needs,
    url,
    registryUrl: `https://${registryHost}`,
    ssh: { host: sshHost, port: chartServices.shell.port },
    remoteServices: [props.database.endpoint, s3Ref].filter((ref) => isRemote(context, ref)),
  };
}
export * from "./flows.js";
