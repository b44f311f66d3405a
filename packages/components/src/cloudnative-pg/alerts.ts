import { postgresNames } from "./names.js";
import { componentMonitoring, controllerRuntimeGroup, controllerRuntimePanels, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";
import { cronJobStale, durationSeconds } from "../offsite-backup/alerts.js";

/** The CloudNativePG operator: a controller-runtime manager (its reconcile errors and queues). */
export function cloudnativePgMonitoring(namespace = "cnpg-system"): ComponentMonitoring {
  const selector = `namespace="${namespace}"`;
  return componentMonitoring({
    component: "cloudnative-pg",
    namespace,
    title: "CloudNativePG operator",
    groups: [controllerRuntimeGroup("cloudnative-pg", selector)],
    panels: controllerRuntimePanels(selector),
  });
}

// The instance exporter of every CloudNativePG pod (cloudnative-pg/cloudnative-pg
// pkg/management/postgres/webserver/metricserver/pg_collector.go, and the default monitoring
// queries of config/manager/default-monitoring.yaml): `cnpg_pg_replication_lag`,
// `cnpg_pg_stat_archiver_*`, `cnpg_backends_total`. Backups go through the barman-cloud plugin
// (names.ts barmanPlugin), so the in-tree `cnpg_collector_last_*_backup_timestamp` stay 0; the plugin
// adds its own series to the same endpoint (cloudnative-pg.io/plugin-barman-cloud docs
// "Observability"): `barman_cloud_cloudnative_pg_io_last_available_backup_timestamp`,
// `barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp`.
const lastBackup = "barman_cloud_cloudnative_pg_io_last_available_backup_timestamp";
const lastFailedBackup = "barman_cloud_cloudnative_pg_io_last_failed_backup_timestamp";

/**
 * A CloudNativePG cluster: it carries the stack's cloudnative-pg rule family (instance down,
 * replication lag, WAL archiving stalled, connections) and adds its own WAL archiving failures
 * and backup age, scoped to its pods.
 */
export interface PostgresMonitoringProps {
  /** Age of the last completed base backup that alerts (the schedule is daily). @default "30h" */
  readonly maxBackupAge?: string;
  /** Age of the last successful off-cluster copy that alerts (the copy is nightly). @default "30h" */
  readonly maxOffsiteCopyAge?: string;
  /** Age of the last successful restore test that alerts (the test is weekly). @default "8d" */
  readonly maxRestoreTestAge?: string;
}

export function postgresClusterMonitoring(name: string, namespace: string, props: PostgresMonitoringProps = {}): ComponentMonitoring {
  // The throwaway restore-test cluster is `<name>-restore-test`: not scraped, and kept out of these selectors anyway.
  const pods = `namespace="${namespace}", pod=~"${name}-.*", pod!~"${name}-restore-test-.*"`;
  const maxBackupAge = props.maxBackupAge ?? "30h";
  const names = postgresNames(name);
  const testJobs = `namespace="${namespace}", job_name=~"${names.restoreTest}-.*"`;
  return componentMonitoring({
    component: name,
    namespace,
    targets: pods,
    title: `PostgreSQL ${name}`,
    families: ["cloudnative-pg"],
    groups: [
      {
        name: `${name}-backups`,
        rules: [
          {
            alert: "CNPGWalArchivingFailing",
            expr: `sum by (cluster, namespace, pod) (increase(cnpg_pg_stat_archiver_failed_count{${pods}}[15m])) > 0`,
            for: "15m",
            labels: { severity: "warning" },
            annotations: { summary: "{{ $labels.namespace }}/{{ $labels.pod }} on {{ $labels.cluster }} fails to archive WAL ({{ $value }} failures in 15 minutes)" },
          },
          {
            // The scheduled backup runs daily (backup.ts); 30 hours without a completed one means one failed.
            // No backup ever (the plugin reports 0) also fires.
            alert: "CNPGLastBackupTooOld",
            expr: `time() - max by (cluster, namespace) (${lastBackup}{${pods}}) > ${durationSeconds(maxBackupAge, "maxBackupAge")}`,
            for: "30m",
            labels: { severity: "critical" },
            annotations: { summary: `${name} on {{ $labels.cluster }}: the last completed backup is {{ $value | humanizeDuration }} old` },
          },
          cronJobStale("CNPGOffsiteCopyTooOld", namespace, names.backupCopy, props.maxOffsiteCopyAge ?? "30h", "maxOffsiteCopyAge", "The off-cluster copy of the backups"),
          cronJobStale("CNPGRestoreTestTooOld", namespace, names.restoreTest, props.maxRestoreTestAge ?? "8d", "maxRestoreTestAge", "The restore test"),
          {
            // kube-state-metrics internal/store/job.go: kube_job_failed{condition="true"} is 1 once the Job failed,
            // kube_job_created its creation time. Failed Jobs stay (failedJobsHistoryLimit), so only the newest
            // run counts: the alert fires while the newest restore-test Job is a failed one, and clears after a success.
            alert: "CNPGRestoreTestFailed",
            expr:
              `max by (cluster, namespace) (kube_job_created{${testJobs}} and on (cluster, namespace, job_name) (kube_job_failed{${testJobs}, condition="true"} == 1))` +
              ` >= max by (cluster, namespace) (kube_job_created{${testJobs}})`,
            for: "5m",
            labels: { severity: "critical" },
            annotations: { summary: `${name} on {{ $labels.cluster }}: the latest restore test failed: the backups may not restore (the throwaway cluster ${names.restoreTest} is left for inspection)` },
          },
          {
            alert: "CNPGBackupFailed",
            expr: `max by (cluster, namespace) (${lastFailedBackup}{${pods}}) > max by (cluster, namespace) (${lastBackup}{${pods}})`,
            for: "10m",
            labels: { severity: "warning" },
            annotations: { summary: `${name} on {{ $labels.cluster }}: the latest backup attempt failed` },
          },
        ],
      },
    ],
    panels: [
      { title: "Replication lag", expr: `max by (cluster, pod) (cnpg_pg_replication_lag{${pods}, cluster=~"$cluster"})`, unit: "s", legend: "{{cluster}} {{pod}}" },
      { title: "Seconds since last WAL archived", expr: `max by (cluster, pod) (cnpg_pg_stat_archiver_seconds_since_last_archival{${pods}, cluster=~"$cluster"})`, unit: "s", legend: "{{cluster}} {{pod}}" },
      { title: "Age of the last backup", expr: `time() - max by (cluster) (${lastBackup}{${pods}, cluster=~"$cluster"})`, unit: "s" },
      { title: "Seconds since the last off-cluster copy", expr: `time() - max by (cluster) (kube_cronjob_status_last_successful_time{namespace="${namespace}", cronjob="${names.backupCopy}", cluster=~"$cluster"})`, unit: "s" },
      { title: "Seconds since the last restore test", expr: `time() - max by (cluster) (kube_cronjob_status_last_successful_time{namespace="${namespace}", cronjob="${names.restoreTest}", cluster=~"$cluster"})`, unit: "s" },
      { title: "Backends", expr: `sum by (cluster, pod) (cnpg_backends_total{${pods}, cluster=~"$cluster"})`, legend: "{{cluster}} {{pod}}" },
    ],
  });
}
