import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { ofKind, renderWithShared, storageComponents } from "./testing/support.js";

describe("storage classes of the four storage components", () => {
  it.each(["infra", "apps"] as const)("GIVEN all of them on %s THEN exactly one StorageClass is the default, ceph-block", (cluster) => {
    const classes = ofKind(renderWithShared(cluster, storageComponents(fixtureContext(cluster))), "StorageClass");
    expect(classes.length).toBeGreaterThanOrEqual(6);
    const defaults = classes.filter((sc) => sc.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true");
    expect(defaults.map((sc) => sc.metadata.name)).toEqual(["ceph-block"]);
    expect(new Set(classes.map((sc) => sc.metadata.name)).size).toBe(classes.length);
  });
});
