import type { Cluster } from "@k8s-gitops/core";

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, key) => (Array.isArray(v) && typeof key === "number" ? v[key] : isObject(v) && typeof key === "string" ? v[key] : undefined), value);
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The barman-cloud `ObjectStore` and `serverName` a CNPG Cluster archives to (its WAL archiver plugin entry). */
function archiveOf(cluster: unknown): string | undefined {
  const archiver = list(at(cluster, "spec", "plugins")).find((p) => at(p, "isWALArchiver") === true);
  if (archiver === undefined) return undefined;
  return `${str(at(archiver, "parameters", "barmanObjectName"))}/${str(at(archiver, "parameters", "serverName"))}`;
}

/** The ObjectStore/serverName a throwaway Cluster recovers from (its `bootstrap.recovery.source` external cluster). */
function recoverySourceOf(cluster: unknown): string | undefined {
  const source = str(at(cluster, "spec", "bootstrap", "recovery", "source"));
  const external = list(at(cluster, "spec", "externalClusters")).find((c) => str(at(c, "name")) === source);
  if (external === undefined) return undefined;
  return `${str(at(external, "plugin", "parameters", "barmanObjectName"))}/${str(at(external, "plugin", "parameters", "serverName"))}`;
}

const containers = (cronJob: unknown): unknown[] => {
  const pod = at(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
  return [...list(at(pod, "initContainers")), ...list(at(pod, "containers"))];
};
const commandLine = (container: unknown): string => list(at(container, "command")).map(str).join(" ");

/**
 * Every Postgres cluster (CNPG `Cluster` object) of the estate with what proves its backups
 * survive and restore, read from the same objects `pnpm generate` writes:
 * - a restore test: a CronJob in its namespace that `kubectl create`s a Cluster from a ConfigMap
 *   and that Cluster recovers from the live cluster's own ObjectStore and serverName;
 * - an off-cluster copy: a CronJob in its namespace that `rclone sync`s the bucket of that
 *   ObjectStore onto a PersistentVolume of the NFS server `external.nfs` of the inventory, which
 *   is no node of any cluster of the estate.
 * Returns one message per missing piece, naming the cluster.
 */
export function postgresBackupProblems(clusters: readonly Cluster[]): string[] {
  const nodeAddresses = new Set(
    clusters.flatMap((c) => c.inventory.nodes.flatMap((n) => n.network.interfaces.flatMap((i) => i.addresses.map((a) => a.split("/")[0] ?? "")))),
  );
  const problems: string[] = [];
  for (const cluster of clusters) {
    for (const component of cluster.components) {
      const resources = component.stages.flatMap((s) => s.resources as unknown[]);
      const ofKind = (kind: string) => resources.filter((r) => str(at(r, "kind")) === kind);
      for (const pg of ofKind("Cluster").filter((r) => str(at(r, "apiVersion")).startsWith("postgresql.cnpg.io/"))) {
        const name = `cluster ${cluster.name}: Postgres cluster ${component.namespace}/${str(at(pg, "metadata", "name"))}`;
        const archive = archiveOf(pg);
        if (archive === undefined) {
          problems.push(`${name} has no WAL archiver (barman-cloud plugin with isWALArchiver), so nothing can be restored`);
          continue;
        }
        const store = ofKind("ObjectStore").find((s) => str(at(s, "metadata", "name")) === archive.split("/")[0]);
        const bucket = str(at(store, "spec", "configuration", "destinationPath")).replace(/^s3:\/\//, "").replace(/\/.*$/, "");

        const restoreTested = ofKind("CronJob").some((job) => {
          const created = containers(job).find((c) => / create -f /.test(` ${commandLine(c)} `));
          if (created === undefined) return false;
          const configMap = str(at(job, "spec", "jobTemplate", "spec", "template", "spec", "volumes", 0, "configMap", "name"));
          const manifests = ofKind("ConfigMap").filter((cm) => str(at(cm, "metadata", "name")) === configMap);
          return manifests.some((cm) =>
            Object.values((at(cm, "data") ?? {}) as Record<string, string>).some((text) => {
              try {
                return recoverySourceOf(JSON.parse(text)) === archive;
              } catch {
                return false;
              }
            }),
          );
        });
        if (!restoreTested) problems.push(`${name} has no scheduled restore test (a CronJob creating a Cluster that recovers from ${archive})`);

        const nfs = cluster.inventory.external.nfs;
        const copied = ofKind("CronJob").some((job) => {
          const script = containers(job).map(commandLine).join("\n");
          if (bucket === "" || !script.includes(`rclone sync "source:${bucket}"`)) return false;
          const claim = str(at(job, "spec", "jobTemplate", "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
          const pv = ofKind("PersistentVolume").find((v) => str(at(v, "spec", "claimRef", "name")) === claim);
          const server = str(at(pv, "spec", "csi", "volumeAttributes", "server"));
          return nfs !== undefined && server === nfs.address && !nodeAddresses.has(server);
        });
        if (!copied) {
          problems.push(
            `${name} has no off-cluster copy of its backups (a CronJob syncing bucket ${JSON.stringify(bucket)} to the NFS server outside the clusters; declare external.offsiteBackup in the inventory of cluster ${cluster.name})`,
          );
        }
      }
    }
  }
  return problems;
}
