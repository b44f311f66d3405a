import { storageClassNames } from "@k8s-gitops/core/conventions";
import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { bootstrapOf, walArchiver, type RecoveryOptions, type ResolvedBackup } from "./backup.js";
import type { managedRole } from "./credentials.js";
import { globalServiceAnnotation } from "./global-service.js";
import type { PostgresNames } from "./names.js";
import { postgresMemory } from "./quantity.js";

/**
 * PostgreSQL 18 on Debian trixie, `standard` flavour (pgvector, pgaudit, locales; no in-image
 * barman, which the plugin's sidecar replaces). Pinned: a new minor is a reviewed change.
 */
// renovate: datasource=docker depName=ghcr.io/cloudnative-pg/postgresql
export const defaultImageName = "ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie";

/**
 * Local NVMe through OpenEBS hostpath. PostgreSQL already replicates every write to its standbys
 * and archives WAL to object storage, so a replicated block device (Ceph RBD, three copies over
 * the network) would add a network round trip to every fsync for redundancy the database
 * already has; local disks give the lowest commit latency.
 */
export const defaultStorageClass = storageClassNames.hostpath;

/** Settings sized from the memory limit: a quarter for shared buffers, the rest counted as OS cache. */
export function defaultParameters(memoryMiB: number): Record<string, string> {
  return {
    max_connections: "200",
    shared_buffers: postgresMemory(memoryMiB / 4),
    effective_cache_size: postgresMemory((memoryMiB * 3) / 4),
    maintenance_work_mem: postgresMemory(Math.min(memoryMiB / 16, 2048)),
    work_mem: "16MB",
    // NVMe: random reads cost about as much as sequential ones, and many can be in flight.
    random_page_cost: "1.1",
    effective_io_concurrency: "200",
    wal_compression: "lz4",
  };
}

export interface ClusterSettings {
  readonly names: PostgresNames;
  readonly instances: number;
  readonly imageName: string;
  readonly storage: { readonly size: string; readonly storageClass: string };
  /** Memory request and limit, as the user wrote it. */
  readonly memory: string;
  readonly cpu: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly roles: readonly ReturnType<typeof managedRole>[];
  readonly backup: ResolvedBackup;
  readonly recovery?: RecoveryOptions;
  readonly globalService: boolean;
}

export function clusterObject(settings: ClusterSettings): Cluster {
  const { names, memory } = settings;
  return new Cluster({
    metadata: { name: names.cluster },
    spec: {
      instances: settings.instances,
      imageName: settings.imageName,
      primaryUpdateStrategy: "unsupervised",
      enableSuperuserAccess: false,
      storage: { size: settings.storage.size, storageClass: settings.storage.storageClass },
      postgresql: { parameters: { ...settings.parameters } },
      // Memory request = limit: the instance is never the first evicted under node memory pressure.
      resources: { requests: { cpu: settings.cpu, memory }, limits: { memory } },
      // One instance per node: losing a node (and its local disk) costs at most one replica.
      affinity: { enablePodAntiAffinity: true, podAntiAffinityType: "required", topologyKey: "kubernetes.io/hostname" },
      managed: {
        roles: settings.roles.map((role) => ({ ...role })),
        ...(settings.globalService
          ? {
              services: {
                additional: [
                  {
                    selectorType: "rw" as const,
                    serviceTemplate: { metadata: { name: names.globalRwService, annotations: { ...globalServiceAnnotation } } },
                  },
                ],
              },
            }
          : {}),
      },
      plugins: [walArchiver(names, settings.backup)],
      ...bootstrapOf(names, settings.recovery),
    },
  });
}
