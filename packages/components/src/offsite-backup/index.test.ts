import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { bucketCopy, type BucketCopyProps } from "./index.js";

const target = { server: "10.25.11.5", share: "/volume1/k8s-backups", clusterFolder: "infra", retentionDays: 90, schedule: "30 4 * * *" };
const props: BucketCopyProps = {
  name: "pg-backup-copy",
  namespace: "databases",
  source: { endpoint: "http://rgw.rook-ceph.svc", secret: { name: "pg-backup", accessKeyId: "AWS_ACCESS_KEY_ID", secretAccessKey: "AWS_SECRET_ACCESS_KEY" } },
  buckets: [{ bucket: "cnpg-databases-pg", folder: "postgres/databases-pg" }],
  target,
};

describe("bucketCopy", () => {
  it("GIVEN a bucket THEN the volume is the NFS export of the target, bound only to the copy's claim", () => {
    const [pv, pvc] = bucketCopy(props);
    expect(pv.spec?.csi?.volumeAttributes).toEqual({ server: "10.25.11.5", share: "/volume1/k8s-backups" });
    expect(pv.spec?.claimRef).toEqual({ namespace: "databases", name: "pg-backup-copy" });
    expect(pv.spec?.persistentVolumeReclaimPolicy).toBe("Retain");
    expect(pvc.spec?.volumeName).toBe(pv.metadata?.name);
  });

  it("GIVEN a bucket THEN the S3 keys come from the Secret only and never appear as values", () => {
    const [, , job] = bucketCopy(props);
    const env = job.spec?.jobTemplate.spec?.template.spec?.containers[0]?.env ?? [];
    const keys = env.filter((e) => e.name.endsWith("ACCESS_KEY_ID") || e.name.endsWith("SECRET_ACCESS_KEY"));
    expect(keys.map((e) => [e.name, e.value, e.valueFrom?.secretKeyRef?.name])).toEqual([
      ["RCLONE_CONFIG_SOURCE_ACCESS_KEY_ID", undefined, "pg-backup"],
      ["RCLONE_CONFIG_SOURCE_SECRET_ACCESS_KEY", undefined, "pg-backup"],
    ]);
  });

  it("GIVEN a bucket THEN the job syncs it with a dated history, checks the copy and prunes history past the retention", () => {
    const [, , job] = bucketCopy(props);
    const script = job.spec?.jobTemplate.spec?.template.spec?.containers[0]?.command?.[2] ?? "";
    const dest = "/offsite/infra/postgres/databases-pg";
    expect(script).toContain(`rclone sync "source:cnpg-databases-pg" "${dest}/current" --backup-dir "${dest}/history/$stamp"`);
    expect(script).toContain(`rclone check "source:cnpg-databases-pg" "${dest}/current" --one-way`);
    expect(script).toContain("- 90 * 86400");
    expect(script.startsWith("set -eu\n")).toBe(true);
    expect(job.spec?.concurrencyPolicy).toBe("Forbid");
  });

  it("GIVEN a bad name and two buckets in one folder THEN one UserError lists both", () => {
    const bad = { ...props, name: "Bad_Name", buckets: [props.buckets[0]!, { bucket: "other", folder: "postgres/databases-pg" }] };
    expect(() => bucketCopy(bad)).toThrow(UserError);
    try {
      bucketCopy(bad);
    } catch (error) {
      expect((error as UserError).problems).toEqual([
        'name must be a DNS label of at most 52 characters (CronJob limit), got "Bad_Name"',
        'buckets[1].folder "postgres/databases-pg" is also the folder of another bucket',
      ]);
    }
  });
});
