import { describe, expect, it } from "vitest";
import { bucketCopyMonitoring } from "./alerts.js";

describe("bucketCopyMonitoring", () => {
  it("GIVEN two copy jobs THEN each has a stale-copy alert that also fires when it never succeeded", () => {
    const m = bucketCopyMonitoring("object-storage-tenants", "rook-ceph", ["offsite-copy-gitlab", "offsite-copy-harbor"]);
    const rules = m.rule.spec.groups.find((g) => g.name === "object-storage-tenants-offsite")!.rules;
    expect(rules.map((r) => ("expr" in r ? r.expr : "")).map((e) => /cronjob="([^"]+)"/.exec(e)?.[1])).toEqual(["offsite-copy-gitlab", "offsite-copy-harbor"]);
    expect(rules[0]!.expr).toContain("> 108000) or ((time() - max by (cluster, namespace, cronjob) (kube_cronjob_created{");
  });

  it("GIVEN a maximum age that is not a duration THEN the error names the field", () => {
    expect(() => bucketCopyMonitoring("x", "ns", ["job"], "daily")).toThrow(/maxAge: must be a duration like "30h" or "8d", got "daily"/);
  });
});
