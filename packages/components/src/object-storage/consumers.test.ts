import { UserError } from "@k8s-gitops/core";
import { describe, expect, it } from "vitest";
import { bucketNeed, collectNeeds, databaseNeed } from "../needs/index.js";
import { consumersFromNeeds, objectStorageTenants } from "./index.js";
import { appsBucketNeeds, infra, naming } from "./testing/support.js";

describe("consumersFromNeeds", () => {
  it("GIVEN the needs of GitLab and Harbor THEN there is one consumer per workload holding exactly its buckets, named by the callbacks", () => {
    const consumers = consumersFromNeeds(appsBucketNeeds, naming);
    expect(consumers.map((c) => [c.consumer, c.user, c.credentialsItem])).toEqual([
      ["GitLab", "gitlab", "gitlab-s3"],
      ["Harbor", "harbor", "harbor-s3"],
    ]);
    for (const consumer of consumers) {
      const needed = appsBucketNeeds.buckets.filter((b) => b.consumer === consumer.consumer).map((b) => b.bucket);
      expect(consumer.buckets).toEqual([...needed].sort());
    }
    expect(consumers.flatMap((c) => c.buckets).length).toBe(appsBucketNeeds.buckets.length);
  });

  it("GIVEN databases and OIDC clients in the bag THEN only bucket needs become consumers", () => {
    const needs = collectNeeds({ databases: [databaseNeed({ consumer: "Grafana", database: "grafana", owner: "grafana" })], buckets: [bucketNeed({ consumer: "Loki", bucket: "loki-chunks" })] });
    expect(consumersFromNeeds(needs, naming).map((c) => c.consumer)).toEqual(["Loki"]);
  });

  it("GIVEN naming that gives two workloads the same user THEN the tenants refuse it, naming both", () => {
    const consumers = consumersFromNeeds(appsBucketNeeds, { user: () => "shared", credentialsItem: naming.credentialsItem });
    expect(() => objectStorageTenants(infra, { consumers })).toThrow(UserError);
    expect(() => objectStorageTenants(infra, { consumers })).toThrow('consumers[1].user "shared" is already the user of GitLab');
  });

  it("GIVEN the input needs THEN the result does not share arrays with them", () => {
    const needs = { buckets: [bucketNeed({ consumer: "Loki", bucket: "loki-chunks" })] };
    const [loki] = consumersFromNeeds(needs, naming);
    needs.buckets.push(bucketNeed({ consumer: "Loki", bucket: "loki-ruler" }));
    expect(loki!.buckets).toEqual(["loki-chunks"]);
  });
});
