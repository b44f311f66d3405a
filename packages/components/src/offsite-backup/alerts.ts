import { showValue, UserError } from "@k8s-gitops/core";
import { componentMonitoring, type ComponentMonitoring } from "../victoria-metrics/monitoring.js";
import type { AlertingRule } from "../victoria-metrics/rules/rule.js";

/**
 * A CronJob that has not succeeded for `maxAge`, from kube-state-metrics (internal/store/cronjob.go:
 * `kube_cronjob_status_last_successful_time` exists only once a run succeeded, so a CronJob older
 * than `maxAge` without it fires too, through `kube_cronjob_created`).
 */
export function cronJobStale(alert: string, namespace: string, cronJob: string, maxAge: string, field: string, what: string): AlertingRule {
  const selector = `namespace="${namespace}", cronjob="${cronJob}"`;
  const seconds = durationSeconds(maxAge, field);
  return {
    alert,
    expr:
      `(time() - max by (cluster, namespace, cronjob) (kube_cronjob_status_last_successful_time{${selector}}) > ${seconds})` +
      ` or ((time() - max by (cluster, namespace, cronjob) (kube_cronjob_created{${selector}}) > ${seconds})` +
      ` unless on (cluster, namespace, cronjob) kube_cronjob_status_last_successful_time{${selector}})`,
    for: "30m",
    labels: { severity: "critical" },
    annotations: { summary: `${what} of {{ $labels.namespace }}/{{ $labels.cronjob }} on {{ $labels.cluster }} has not succeeded for more than ${maxAge}` },
  };
}

/**
 * The off-cluster copies of the object store's user buckets (object-storage tenants, one CronJob
 * per user): a copy that has not succeeded for `maxAge`, and the last run's time on a dashboard.
 * The copy jobs expose no metrics of their own; kube-state-metrics reports their CronJobs.
 */
export function bucketCopyMonitoring(component: string, namespace: string, cronJobs: readonly string[], maxAge = "30h"): ComponentMonitoring {
  const selector = `namespace="${namespace}", cronjob=~"${cronJobs.join("|")}"`;
  return componentMonitoring({
    component,
    namespace,
    // The copies are CronJobs, not scrape targets: kube-state-metrics (in the observability namespace) reports them.
    targets: `job="kube-state-metrics"`,
    title: "Off-cluster copies of the object store's buckets",
    groups: [{ name: `${component}-offsite`, rules: cronJobs.map((job) => cronJobStale("OffsiteBucketCopyTooOld", namespace, job, maxAge, "maxAge", "The off-cluster copy of the buckets")) }],
    panels: [
      {
        title: "Seconds since each copy last succeeded",
        expr: `time() - max by (cluster, cronjob) (kube_cronjob_status_last_successful_time{${selector}, cluster=~"$cluster"})`,
        unit: "s",
        legend: "{{cluster}} {{cronjob}}",
      },
    ],
  });
}

const units: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `30h` -> 108000: PromQL compares the backup age with a number of seconds. */
export function durationSeconds(duration: string, field: string): number {
  const match = /^([0-9]+)([smhd])$/.exec(duration);
  if (match === null) throw new UserError(`${field}: must be a duration like "30h" or "8d", got ${showValue(duration)}`);
  return Number(match[1]) * units[match[2]!]!;
}
