import { UserError } from "@k8s-gitops/core";
import { fixtureContext, strictProblems } from "@k8s-gitops/core/testing";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { objectBucket, objectStoreEndpoint } from "./index.js";
import { ofKind, renderWithShared, rookComponents } from "./testing/support.js";

const rendered = () => {
  const { snapshots, operator, cluster } = rookComponents(fixtureContext("infra"));
  return { cluster, files: renderWithShared("infra", [snapshots, operator, cluster]) };
};

describe("objectBucket", () => {
  it("GIVEN a claim THEN it validates strictly against the objectbucket.io CRD", () => {
    const claim = objectBucket("postgres-backups", "databases");
    expect(strictProblems([{ path: "obc.yaml", content: stringify(claim) }])).toEqual([]);
  });

  it("GIVEN a claim THEN it asks the bucket StorageClass the Ceph cluster renders, which provisions from its object store", () => {
    const { files } = rendered();
    const claim = objectBucket("gitlab-artifacts", "gitlab");
    const bucketClass = ofKind(files, "StorageClass").find((sc) => sc.metadata.name === claim.spec.storageClassName);
    expect(bucketClass?.provisioner).toBe("rook-ceph.ceph.rook.io/bucket");
    expect(ofKind(files, "CephObjectStore").map((s) => s.metadata.name)).toContain(bucketClass?.parameters.objectStoreName);
    expect(claim.metadata).toEqual({ name: "gitlab-artifacts", namespace: "gitlab" });
  });

  it("GIVEN a name that is not a DNS label THEN the helper refuses it, naming the field and value", () => {
    expect(() => objectBucket("Harbor_Registry", "harbor")).toThrow(UserError);
    expect(() => objectBucket("harbor", "Harbor")).toThrow('namespace must be a DNS label (lowercase letters, digits, \'-\'), got "Harbor"');
  });
});

describe("objectStoreEndpoint", () => {
  it("GIVEN the rendered object store THEN the endpoint is the RGW Service Rook creates for it, on the gateway port", () => {
    const { files, cluster } = rendered();
    const store = ofKind(files, "CephObjectStore")[0]!;
    const namespace = cluster.namespace;
    expect(objectStoreEndpoint.url).toBe(`http://rook-ceph-rgw-${store.metadata.name}.${namespace}.svc:${store.spec.gateway.port}`);
    expect(objectStoreEndpoint.url).toBe("http://rook-ceph-rgw-ceph-objectstore.rook-ceph.svc:80");
    expect(cluster.endpoints.objectStore).toEqual(objectStoreEndpoint);
  });
});
