import type { SshService } from "./ssh.js";
import type { BucketKind } from "./needs.js";
import { objectStorageKeys } from "./names.js";
import { oidcProviderKey } from "./secrets.js";

/** A key of a Secret the chart reads. */
export interface SecretKeyRef {
  secret: string;
  key: string;
}

interface Resources {
  requests: { cpu: string; memory: string };
}

interface Monitor {
  enabled: boolean;
}

/**
 * The GitLab chart values this project sets; the chart accepts many more (see its values.yaml,
 * https://docs.gitlab.com/charts/charts/globals). The chart ships no values.schema.json, so
 * {@link chartValuePaths} records where each path comes from and a test keeps them in step.
 */
export interface GitlabValues {
  global: {
    hosts: { domain: string; https: boolean; gitlab: { name: string }; registry: { name: string }; ssh: string; [key: string]: unknown };
    ingress: { enabled: boolean; configureCertmanager: boolean; [key: string]: unknown };
    gatewayApi: { enabled: boolean; [key: string]: unknown };
    monitoring: { enabled: boolean };
    kas: { enabled: boolean; [key: string]: unknown };
    minio: { enabled: boolean; [key: string]: unknown };
    psql: { host: string; port: number; database: string; username: string; password: SecretKeyRef & { useSecret: boolean }; [key: string]: unknown };
    redis: { host: string; port: number; auth: { enabled: boolean; secret?: string; key?: string }; [key: string]: unknown };
    registry: { bucket: string; [key: string]: unknown };
    railsSecrets?: { secret: string };
    appConfig: {
      object_store: { enabled: boolean; proxy_download: boolean; connection: SecretKeyRef };
      backups: { bucket: string; tmpBucket: string };
      omniauth: {
        enabled: boolean;
        allowSingleSignOn: string[];
        blockAutoCreatedUsers: boolean;
        autoLinkUser: string[];
        syncProfileFromProvider: string[];
        syncProfileAttributes: string[];
        providers: SecretKeyRef[];
        [key: string]: unknown;
      };
      initialDefaults: { signupEnabled: boolean; [key: string]: unknown };
      [objectType: string]: unknown;
    };
    [key: string]: unknown;
  };
  installCertmanager: boolean;
  "nginx-ingress": { enabled: boolean; [key: string]: unknown };
  prometheus: { install: boolean; [key: string]: unknown };
  postgresql: { install: boolean; [key: string]: unknown };
  redis: { install: boolean; [key: string]: unknown };
  "gitlab-runner": { install: boolean; [key: string]: unknown };
  "shared-secrets": { enabled: boolean; [key: string]: unknown };
  registry: {
    storage: { secret: string; key: string; redirect: { disable: boolean } };
    hpa: { minReplicas: number; maxReplicas: number; [key: string]: unknown };
    resources: Resources;
    metrics: { enabled: boolean; serviceMonitor: Monitor; [key: string]: unknown };
    [key: string]: unknown;
  };
  gitlab: {
    webservice: {
      minReplicas: number;
      maxReplicas: number;
      workerProcesses: number;
      resources: Resources;
      metrics: { serviceMonitor: Monitor; [key: string]: unknown };
      workhorse: { resources: Resources; metrics: { enabled: boolean; serviceMonitor: Monitor }; [key: string]: unknown };
      [key: string]: unknown;
    };
    sidekiq: { minReplicas: number; maxReplicas: number; resources: Resources; metrics: { podMonitor: Monitor; [key: string]: unknown }; [key: string]: unknown };
    gitaly: {
      resources: Resources;
      persistence: { size: string; storageClass: string; [key: string]: unknown };
      metrics: { serviceMonitor: Monitor; [key: string]: unknown };
      [key: string]: unknown;
    };
    "gitlab-shell": {
      minReplicas: number;
      maxReplicas: number;
      resources: Resources;
      service: { type: string; annotations?: Record<string, string>; [key: string]: unknown };
      serviceLabels?: Record<string, string>;
      metrics: { enabled: boolean; serviceMonitor: Monitor; [key: string]: unknown };
      [key: string]: unknown;
    };
    "gitlab-exporter": { metrics: { serviceMonitor: Monitor; [key: string]: unknown }; [key: string]: unknown };
    toolbox: {
      backups: {
        cron: { enabled: boolean; schedule: string; [key: string]: unknown };
        objectStorage: { backend: string; config: SecretKeyRef };
        [key: string]: unknown;
      };
      [key: string]: unknown;
    };
    [subchart: string]: unknown;
  };
  [key: string]: unknown;
}

/** Everything the values are derived from: hosts, typed endpoints, bucket and Secret names. */
export interface ValuesInput {
  readonly domain: string;
  readonly gitlabHost: string;
  readonly registryHost: string;
  readonly sshHost: string;
  readonly psql: { readonly host: string; readonly port: number; readonly database: string; readonly username: string; readonly password: SecretKeyRef };
  readonly redis: { readonly host: string; readonly port: number; readonly password?: SecretKeyRef };
  readonly buckets: Readonly<Record<BucketKind, string>>;
  readonly objectStorageSecret: string;
  readonly oidcProviderSecret: string;
  /** The Rails secrets Secret when it comes from 1Password; the chart generates it otherwise. */
  readonly railsSecret?: string;
  readonly ssh: SshService;
  readonly gitalyStorageClass: string;
}

const monitor = { enabled: true } as const;

// Rails object types stored in the consolidated object store, besides the registry and backups.
const railsObjectTypes = ["artifacts", "lfs", "uploads", "packages", "externalDiffs", "terraformState", "ciSecureFiles", "dependencyProxy"] as const;
// Off in the chart by default; they would fall back to local disk, which the pods do not share.
const switchedOffByDefault: ReadonlySet<string> = new Set(["externalDiffs", "terraformState", "ciSecureFiles", "dependencyProxy"]);

/**
 * The default values: external PostgreSQL, Redis (Dragonfly) and S3 (Ceph RGW), no bundled
 * ingress, cert-manager, Prometheus, MinIO or runner, SSO through Keycloak, ServiceMonitors on,
 * requests sized for three nodes with 64 GiB each.
 */
export function gitlabValues(input: ValuesInput): GitlabValues {
  const connection = { secret: input.objectStorageSecret, key: objectStorageKeys.connection };
  return {
    global: {
      hosts: {
        domain: input.domain,
        https: true,
        gitlab: { name: input.gitlabHost },
        registry: { name: input.registryHost },
        ssh: input.sshHost,
      },
      // The shared Cilium Gateway terminates TLS; this component writes the HTTPRoutes itself.
      ingress: { enabled: false, configureCertmanager: false },
      gatewayApi: { enabled: false },
      // Render the ServiceMonitors even where Helm cannot see the monitoring.coreos.com API.
      monitoring: { enabled: true },
      // The GitLab agent for Kubernetes is not used: Flux deploys from Git.
      kas: { enabled: false },
      minio: { enabled: false },
      psql: {
        host: input.psql.host,
        port: input.psql.port,
        database: input.psql.database,
        username: input.psql.username,
        password: { useSecret: true, ...input.psql.password },
      },
      redis: {
        host: input.redis.host,
        port: input.redis.port,
        auth: input.redis.password ? { enabled: true, ...input.redis.password } : { enabled: false },
      },
      registry: { bucket: input.buckets.registry },
      ...(input.railsSecret ? { railsSecrets: { secret: input.railsSecret } } : {}),
      appConfig: {
        // Clients cannot reach the in-cluster object store: downloads go through Workhorse.
        object_store: { enabled: true, proxy_download: true, connection },
        ...Object.fromEntries(
          railsObjectTypes.map((kind) => [kind, { ...(switchedOffByDefault.has(kind) ? { enabled: true } : {}), bucket: input.buckets[kind] }]),
        ),
        backups: { bucket: input.buckets.backups, tmpBucket: input.buckets.tmp },
        omniauth: {
          enabled: true,
          allowSingleSignOn: ["openid_connect"],
          // Keycloak decides who may log in; its users get a GitLab account on first login.
          blockAutoCreatedUsers: false,
          autoLinkUser: ["openid_connect"],
          syncProfileFromProvider: ["openid_connect"],
          syncProfileAttributes: ["name", "email"],
          providers: [{ secret: input.oidcProviderSecret, key: oidcProviderKey }],
        },
        // Accounts come from Keycloak; the local sign-up form stays closed.
        initialDefaults: { signupEnabled: false },
      },
    },
    installCertmanager: false,
    "nginx-ingress": { enabled: false },
    prometheus: { install: false },
    postgresql: { install: false },
    redis: { install: false },
    // The runner is a component of its own.
    "gitlab-runner": { install: false },
    // Generates the internal tokens and the initial root password (see chartGeneratedSecrets).
    "shared-secrets": { enabled: true },
    registry: {
      storage: { secret: input.objectStorageSecret, key: objectStorageKeys.registry, redirect: { disable: true } },
      hpa: { minReplicas: 2, maxReplicas: 3 },
      resources: { requests: { cpu: "100m", memory: "128Mi" } },
      metrics: { enabled: true, serviceMonitor: monitor },
    },
    gitlab: {
      webservice: {
        minReplicas: 2,
        maxReplicas: 3,
        workerProcesses: 2,
        resources: { requests: { cpu: "500m", memory: "2560Mi" } },
        metrics: { serviceMonitor: monitor },
        workhorse: { resources: { requests: { cpu: "100m", memory: "128Mi" } }, metrics: { enabled: true, serviceMonitor: monitor } },
      },
      sidekiq: {
        minReplicas: 1,
        maxReplicas: 2,
        resources: { requests: { cpu: "500m", memory: "2Gi" } },
        metrics: { podMonitor: monitor },
      },
      gitaly: {
        resources: { requests: { cpu: "500m", memory: "1Gi" } },
        // Replicated block storage: Gitaly is a single pod, and its volume must survive a node.
        persistence: { size: "50Gi", storageClass: input.gitalyStorageClass },
        metrics: { serviceMonitor: monitor },
      },
      "gitlab-shell": {
        minReplicas: 2,
        maxReplicas: 3,
        resources: { requests: { cpu: "50m", memory: "64Mi" } },
        service: { type: "LoadBalancer", ...(Object.keys(input.ssh.annotations).length > 0 ? { annotations: { ...input.ssh.annotations } } : {}) },
        ...(Object.keys(input.ssh.labels).length > 0 ? { serviceLabels: { ...input.ssh.labels } } : {}),
        metrics: { enabled: true, serviceMonitor: monitor },
      },
      "gitlab-exporter": { metrics: { serviceMonitor: monitor } },
      toolbox: {
        backups: {
          cron: { enabled: true, schedule: "30 2 * * *" },
          objectStorage: { backend: "s3", config: { secret: input.objectStorageSecret, key: objectStorageKeys.s3cmd } },
        },
      },
    },
  };
}
