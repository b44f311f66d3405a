import { redisDatabases } from "./cache.js";
import { registryUser, secretKeys, secretNames } from "./names.js";

interface Resources {
  requests: { cpu: string; memory: string };
  limits?: { memory: string };
  [key: string]: unknown;
}

interface Volume {
  storageClass: string;
  size: string;
  [key: string]: unknown;
}

/** A container env entry as the chart's `*.extraEnvVars` copies it into the pod. */
export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef: { name: string; key: string } };
}

type Spread = { maxSkew: number; topologyKey: string; whenUnsatisfiable: string }[];

/**
 * The Harbor chart values this project sets; the chart accepts many more (see its values.yaml).
 * The chart ships no values.schema.json, so {@link chartValuePaths} records where each path comes
 * from and a test keeps them in step.
 */
export interface HarborValues {
  expose: { type: string; tls: { enabled: boolean; [key: string]: unknown }; [key: string]: unknown };
  externalURL: string;
  existingSecretAdminPassword: string;
  existingSecretAdminPasswordKey: string;
  existingSecretSecretKey: string;
  /** Strategy of the Deployments with volumes (jobservice, registry). */
  updateStrategy: { type: string };
  persistence: {
    enabled: boolean;
    resourcePolicy: string;
    persistentVolumeClaim: { jobservice: { jobLog: Volume }; trivy: Volume; [key: string]: unknown };
    imageChartStorage: {
      disableredirect: boolean;
      type: string;
      s3: { region: string; bucket: string; regionendpoint: string; existingSecret: string; v4auth: boolean; [key: string]: unknown };
      [key: string]: unknown;
    };
  };
  portal: { replicas: number; resources: Resources; topologySpreadConstraints: Spread; [key: string]: unknown };
  core: {
    replicas: number;
    resources: Resources;
    topologySpreadConstraints: Spread;
    existingSecret: string;
    existingXsrfSecret: string;
    existingXsrfSecretKey: string;
    extraEnvVars: EnvVar[];
    [key: string]: unknown;
  };
  jobservice: {
    replicas: number;
    resources: Resources;
    existingSecret: string;
    existingSecretKey: string;
    [key: string]: unknown;
  };
  registry: {
    replicas: number;
    topologySpreadConstraints: Spread;
    registry: { resources: Resources; [key: string]: unknown };
    controller: { resources: Resources; [key: string]: unknown };
    existingSecret: string;
    existingSecretKey: string;
    credentials: { username: string; existingSecret: string; [key: string]: unknown };
    [key: string]: unknown;
  };
  trivy: { enabled: boolean; replicas: number; skipUpdate: boolean; offlineScan: boolean; [key: string]: unknown };
  database: {
    type: string;
    external: { host: string; port: string; username: string; coreDatabase: string; existingSecret: string; sslmode: string; [key: string]: unknown };
    maxIdleConns: number;
    maxOpenConns: number;
    [key: string]: unknown;
  };
  redis: {
    type: string;
    external: {
      addr: string;
      coreDatabaseIndex: string;
      jobserviceDatabaseIndex: string;
      registryDatabaseIndex: string;
      trivyAdapterIndex: string;
      [key: string]: unknown;
    };
    [key: string]: unknown;
  };
  metrics: { enabled: boolean; serviceMonitor: { enabled: boolean; [key: string]: unknown }; [key: string]: unknown };
  [key: string]: unknown;
}

/** Everything the values are derived from: the URL, typed endpoints, the bucket and Secret names. */
export interface ValuesInput {
  readonly externalURL: string;
  readonly database: { readonly host: string; readonly port: number; readonly name: string; readonly user: string };
  /** `host:port` of the Redis-compatible cache. */
  readonly redisAddr: string;
  readonly s3: { readonly endpoint: string; readonly region: string; readonly bucket: string };
  readonly storageClass: string;
}

// Spread the stateless replicas over the nodes; the chart adds the pods' own labelSelector.
const spread: Spread = [{ maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway" }];

/**
 * The default values: exposed as ClusterIP Services behind the shared Gateway (TLS ends there),
 * external PostgreSQL, Redis (Dragonfly) and S3 (Ceph RGW), every secret from an existing Secret,
 * Trivy with online DB updates, metrics with ServiceMonitors, two replicas of each stateless part.
 */
export function harborValues(input: ValuesInput): HarborValues {
  return {
    expose: { type: "clusterIP", tls: { enabled: false } },
    externalURL: input.externalURL,
    existingSecretAdminPassword: secretNames.adminPassword,
    existingSecretAdminPasswordKey: secretKeys.adminPassword,
    existingSecretSecretKey: secretNames.secretKey,
    // The chart reads one top-level strategy for its Deployments with volumes, jobservice and
    // registry (templates/jobservice/jobservice-dpl.yaml, registry/registry-dpl.yaml); it has no
    // `jobservice.updateStrategy`. Recreate: the job logs live on a ReadWriteOnce volume, which a
    // rolling update's second pod on another node could not attach. The registry (S3-backed)
    // restarts all at once on an upgrade too; the chart offers no separate setting.
    updateStrategy: { type: "Recreate" },
    persistence: {
      enabled: true,
      // Keep the job logs and Trivy's database when the release is uninstalled.
      resourcePolicy: "keep",
      persistentVolumeClaim: {
        jobservice: { jobLog: { storageClass: input.storageClass, size: "1Gi" } },
        trivy: { storageClass: input.storageClass, size: "5Gi" },
      },
      imageChartStorage: {
        // Clients cannot reach the RGW (an in-cluster name on another cluster): blobs stream
        // through the registry instead of redirecting to pre-signed URLs.
        disableredirect: true,
        type: "s3",
        // With `regionendpoint` the registry addresses buckets by path, as RGW needs.
        s3: { region: input.s3.region, bucket: input.s3.bucket, regionendpoint: input.s3.endpoint, existingSecret: secretNames.objectStorage, v4auth: true },
      },
    },
    portal: { replicas: 2, resources: { requests: { cpu: "10m", memory: "64Mi" } }, topologySpreadConstraints: spread },
    core: {
      replicas: 2,
      resources: { requests: { cpu: "100m", memory: "256Mi" } },
      topologySpreadConstraints: spread,
      existingSecret: secretNames.core,
      existingXsrfSecret: secretNames.core,
      existingXsrfSecretKey: secretKeys.xsrfKey,
      // The settings (OIDC included) come whole from a Secret, because they carry the client
      // secret; `core.configureUserSettings` would put them into values, so it stays unset.
      extraEnvVars: [{ name: secretKeys.configOverwrite, valueFrom: { secretKeyRef: { name: secretNames.configOverwrite, key: secretKeys.configOverwrite } } }],
    },
    jobservice: {
      // One replica: its job logs live on a ReadWriteOnce volume, which a second pod (or a
      // rolling update on another node) could not attach.
      replicas: 1,
      resources: { requests: { cpu: "100m", memory: "256Mi" } },
      existingSecret: secretNames.jobservice,
      existingSecretKey: secretKeys.jobservice,
    },
    registry: {
      replicas: 2,
      topologySpreadConstraints: spread,
      registry: { resources: { requests: { cpu: "100m", memory: "256Mi" } } },
      controller: { resources: { requests: { cpu: "10m", memory: "64Mi" } } },
      existingSecret: secretNames.registryHttp,
      existingSecretKey: secretKeys.registryHttp,
      credentials: { username: registryUser, existingSecret: secretNames.registryCredentials },
    },
    trivy: { enabled: true, replicas: 1, skipUpdate: false, offlineScan: false },
    database: {
      type: "external",
      external: {
        host: input.database.host,
        port: String(input.database.port),
        username: input.database.user,
        coreDatabase: input.database.name,
        existingSecret: secretNames.database,
        // Encrypted across the ClusterMesh link; CloudNativePG always serves TLS.
        sslmode: "require",
      },
      // The shared Postgres allows 200 connections for every platform database together; the
      // chart's default of 900 per pod would let Harbor alone exhaust it.
      maxIdleConns: 10,
      maxOpenConns: 40,
    },
    redis: {
      type: "external",
      external: {
        addr: input.redisAddr,
        coreDatabaseIndex: String(redisDatabases.core),
        jobserviceDatabaseIndex: String(redisDatabases.jobservice),
        registryDatabaseIndex: String(redisDatabases.registry),
        trivyAdapterIndex: String(redisDatabases.trivy),
      },
    },
    metrics: { enabled: true, serviceMonitor: { enabled: true } },
  };
}
