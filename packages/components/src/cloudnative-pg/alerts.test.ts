import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { postgresClusterMonitoring } from "./alerts.js";

const alerts = (m: ReturnType<typeof postgresClusterMonitoring>) => m.rule.spec.groups.flatMap((g) => g.rules).filter((r) => "alert" in r);

describe("postgresClusterMonitoring", () => {
  it("GIVEN a cluster THEN it carries the cloudnative-pg family and scopes its backup alerts to its own pods", () => {
    const m = postgresClusterMonitoring("postgres-shared", "databases");
    expect(m.families).toEqual(["cloudnative-pg"]);
    const names = alerts(m).map((r) => ("alert" in r ? r.alert : ""));
    expect(names).toEqual(expect.arrayContaining(["CNPGReplicationLagHigh", "CNPGWalArchivingStalled", "CNPGWalArchivingFailing", "CNPGLastBackupTooOld", "CNPGBackupFailed"]));
    const age = alerts(m).find((r) => "alert" in r && r.alert === "CNPGLastBackupTooOld")!;
    // The barman-cloud plugin's series: the in-tree cnpg_collector_last_* stay 0 with the plugin.
    expect(age.expr).toBe('time() - max by (cluster, namespace) (barman_cloud_cloudnative_pg_io_last_available_backup_timestamp{namespace="databases", pod=~"postgres-shared-.*", pod!~"postgres-shared-restore-test-.*"}) > 108000');
  });

  it("GIVEN a maximum backup age in days THEN the alert compares seconds", () => {
    const age = alerts(postgresClusterMonitoring("pg", "db", { maxBackupAge: "2d" })).find((r) => "alert" in r && r.alert === "CNPGLastBackupTooOld")!;
    expect(age.expr.endsWith("> 172800")).toBe(true);
  });

  it("GIVEN a maximum backup age that is not a duration THEN a UserError names the prop and the value", () => {
    expect(() => postgresClusterMonitoring("pg", "db", { maxBackupAge: "one day" })).toThrow(UserError);
    expect(() => postgresClusterMonitoring("pg", "db", { maxBackupAge: "one day" })).toThrow(/maxBackupAge.*"one day"/);
  });

  it("GIVEN a cluster THEN its off-cluster copy and restore test alert when they have not succeeded in time, or never did", () => {
    const m = postgresClusterMonitoring("postgres-shared", "databases");
    const rule = (name: string) => alerts(m).find((r) => "alert" in r && r.alert === name)!;
    expect(rule("CNPGOffsiteCopyTooOld").expr).toContain('kube_cronjob_status_last_successful_time{namespace="databases", cronjob="postgres-shared-backup-copy"}) > 108000');
    expect(rule("CNPGRestoreTestTooOld").expr).toContain('kube_cronjob_status_last_successful_time{namespace="databases", cronjob="postgres-shared-restore-test"}) > 691200');
    // Never succeeded: the CronJob's age stands in for the missing success time.
    expect(rule("CNPGRestoreTestTooOld").expr).toContain('kube_cronjob_created{namespace="databases", cronjob="postgres-shared-restore-test"}) > 691200) unless on (cluster, namespace, cronjob)');
    const jobs = 'namespace="databases", job_name=~"postgres-shared-restore-test-.*"';
    // Only the newest run counts: an old failed Job kept by the history limit does not keep it firing.
    expect(rule("CNPGRestoreTestFailed").expr).toBe(
      `max by (cluster, namespace) (kube_job_created{${jobs}} and on (cluster, namespace, job_name) (kube_job_failed{${jobs}, condition="true"} == 1)) >= max by (cluster, namespace) (kube_job_created{${jobs}})`,
    );
  });

  it("GIVEN a restore test age that is not a duration THEN the UserError names that prop", () => {
    expect(() => postgresClusterMonitoring("pg", "db", { maxRestoreTestAge: "weekly" })).toThrow(/maxRestoreTestAge.*"weekly"/);
  });
});
