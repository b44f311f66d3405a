import { Cluster } from "@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster";
import { CronJob } from "kubernetes-models/batch/v1";
import { ConfigMap, ServiceAccount } from "kubernetes-models/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { backupSchedule } from "../offsite-backup/copy.js";
import { pluginParameters } from "./backup.js";
import { barmanPlugin, type PostgresNames } from "./names.js";

/**
 * kubectl of the clusters' Kubernetes minor, pinned. The image (kubernetes build/server-image/
 * Dockerfile: the binary at /usr/local/bin/kubectl on the distroless go-runner base) has no shell,
 * so each step of the test is one kubectl command in its own init container, run in order.
 */
// renovate: datasource=docker depName=registry.k8s.io/kubectl
export const kubectlImage = "registry.k8s.io/kubectl:v1.35.4";

export interface RestoreTestSettings {
  readonly names: PostgresNames;
  /** Namespace of the live cluster (the ServiceAccount subject needs it). */
  readonly namespace: string;
  readonly imageName: string;
  readonly storage: { readonly size: string; readonly storageClass: string };
  readonly memory: string;
  /** Databases that must exist in the restored cluster. */
  readonly databases: readonly string[];
  /** Five-field cron schedule (UTC). */
  readonly schedule: string;
  /** How long recovery may take before the test fails. */
  readonly timeoutMinutes: number;
}

/** Pod labels of the restore test's job: the flows and the alerts select them. */
export function restoreTestJobLabels(names: PostgresNames): Record<string, string> {
  return { "app.kubernetes.io/name": "postgres-restore-test", "app.kubernetes.io/instance": names.restoreTest };
}

/**
 * The throwaway cluster: one instance recovering from the latest base backup plus all archived
 * WAL of the live cluster's ObjectStore and serverName (CloudNativePG docs "Recovery", barman-cloud
 * plugin "Restoring a cluster"). No `plugins` entry: it never archives, so it cannot write into
 * the archive it reads.
 */
export function restoreTestCluster(settings: RestoreTestSettings, serverName: string): Cluster {
  const { names } = settings;
  return new Cluster({
    metadata: { name: names.restoreTest, labels: { "k8s-gitops.io/restore-test-of": names.cluster } },
    spec: {
      instances: 1,
      imageName: settings.imageName,
      storage: { size: settings.storage.size, storageClass: settings.storage.storageClass },
      resources: { requests: { memory: settings.memory }, limits: { memory: settings.memory } },
      enableSuperuserAccess: false,
      bootstrap: { recovery: { source: names.recoverySource } },
      externalClusters: [{ name: names.recoverySource, plugin: { name: barmanPlugin, parameters: pluginParameters(names, serverName) } }],
    },
  });
}

/**
 * The query that proves the restore: every database of the live cluster is there (a division by
 * zero fails psql with ON_ERROR_STOP when one is missing), run as `postgres` over the local
 * socket, as `kubectl exec <instance> -- psql` does in CloudNativePG's own docs.
 */
export function restoreTestQuery(databases: readonly string[]): string {
  const names = [...databases].sort().map((d) => `'${d}'`).join(", ");
  return `SELECT 1 / (count(*) = ${databases.length})::int AS restored FROM pg_database WHERE datname IN (${names})`;
}

/**
 * The scheduled restore test of one Postgres cluster: a CronJob that deletes a leftover
 * throwaway Cluster, creates it from the ConfigMap, waits for it to be Ready, runs
 * {@link restoreTestQuery} in it and deletes it. A failed step fails the Job (no retries: a
 * failed restore is the result) and leaves the throwaway Cluster for inspection until the next
 * run. kube-state-metrics exposes the outcome (`kube_cronjob_status_last_successful_time`,
 * `kube_job_failed`), which `postgresClusterMonitoring` alerts on.
 *
 * RBAC: Kubernetes cannot restrict `create` by name (the RBAC docs: "create requests cannot be
 * restricted by resourceName"), so the Role may create Clusters in the namespace; everything
 * else is bound to the throwaway Cluster's name and its one pod (get/list/watch with a name, as
 * `kubectl wait` and `kubectl delete --wait` ask with a `metadata.name` field selector).
 */
export function restoreTest(settings: RestoreTestSettings, serverName: string) {
  const { names } = settings;
  const cluster = restoreTestCluster(settings, serverName);
  const ref = `clusters.postgresql.cnpg.io/${names.restoreTest}`;
  const step = (name: string, args: readonly string[]) => ({
    name,
    image: kubectlImage,
    command: ["/usr/local/bin/kubectl", ...args],
    resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
    // kubectl keeps its discovery cache under $HOME/.kube; the root file system is read-only.
    env: [{ name: "HOME", value: "/tmp" }],
    volumeMounts: [
      { name: "manifest", mountPath: "/manifest", readOnly: true },
      { name: "tmp", mountPath: "/tmp" },
    ],
  });
  const deleteStep = (name: string) => step(name, ["delete", ref, "--ignore-not-found", "--wait=true", "--timeout=15m"]);
  const cronJob = new CronJob({
    metadata: { name: names.restoreTest },
    spec: {
      ...backupSchedule(settings.schedule),
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: (settings.timeoutMinutes + 45) * 60,
          template: {
            metadata: { labels: restoreTestJobLabels(names) },
            spec: {
              serviceAccountName: names.restoreTest,
              restartPolicy: "Never",
              securityContext: { runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: "RuntimeDefault" } },
              initContainers: [
                deleteStep("remove-leftover"),
                step("create", ["create", "-f", "/manifest/cluster.json"]),
                step("wait-ready", ["wait", ref, "--for=condition=Ready", `--timeout=${settings.timeoutMinutes}m`]),
                step("query", ["exec", names.restoreTestPod, "-c", "postgres", "--", "psql", "-v", "ON_ERROR_STOP=1", "-tA", "-c", restoreTestQuery(settings.databases)]),
              ],
              containers: [deleteStep("delete")],
              volumes: [
                { name: "manifest", configMap: { name: names.restoreTest } },
                { name: "tmp", emptyDir: {} },
              ],
            },
          },
        },
      },
    },
  });
  return [
    new ServiceAccount({ metadata: { name: names.restoreTest } }),
    new Role({
      metadata: { name: names.restoreTest },
      rules: [
        { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], verbs: ["create"] },
        { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], resourceNames: [names.restoreTest], verbs: ["get", "list", "watch", "delete"] },
        { apiGroups: [""], resources: ["pods"], resourceNames: [names.restoreTestPod], verbs: ["get"] },
        { apiGroups: [""], resources: ["pods/exec"], resourceNames: [names.restoreTestPod], verbs: ["create"] },
      ],
    }),
    new RoleBinding({
      metadata: { name: names.restoreTest },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: names.restoreTest },
      subjects: [{ kind: "ServiceAccount", name: names.restoreTest, namespace: settings.namespace }],
    }),
    // JSON is YAML: `kubectl create -f` reads it as it is.
    new ConfigMap({ metadata: { name: names.restoreTest }, data: { "cluster.json": `${JSON.stringify(cluster.toJSON(), null, 2)}\n` } }),
    cronJob,
  ];
}
