import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError } from "@k8s-gitops/core";
import { estateOutputDir, kubectlRequired, matchGolden, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { objectStoreEndpoint } from "../rook-ceph/index.js";
import { remoteObjectStore } from "./index.js";
import { apps, filesOf, infra, infraComponents, ofKind, renderApps, renderInfra } from "./testing/support.js";
import { kustomizeFailures } from "../testing/kustomize.js";

const here = dirname(fileURLToPath(import.meta.url));
const own = (files: Parameters<typeof filesOf>[0]) => filesOf(files, "object-storage-remote");

describe("remoteObjectStore on apps", () => {
  it("GIVEN infra's endpoint THEN the apps render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "apps"), own(renderApps()), { coveredBy: estateOutputDir() })).toBe("");
  });

  it("GIVEN the render THEN the shadow Service passes strict validation", () => {
    expect(strictProblems(own(renderApps()))).toEqual([]);
  });

  it.runIf(kubectlRequired())("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    expect(kustomizeFailures(renderApps())).toEqual([]);
  });

  it("GIVEN infra's global Service THEN the apps shadow has its name, namespace, port and port name, no selector, and is global but not shared", () => {
    const served = ofKind(filesOf(renderInfra(), "object-storage-tenants"), "Service")[0]!;
    const shadow = ofKind(own(renderApps()), "Service")[0]!;
    expect(shadow.metadata.name).toBe(served.metadata.name);
    expect(shadow.metadata.namespace).toBe(infraComponents().tenants.namespace);
    expect(shadow.spec.ports.map((p: any) => [p.name, p.port])).toEqual(served.spec.ports.map((p: any) => [p.name, p.port]));
    expect(shadow.spec.selector).toBeUndefined();
    expect(shadow.metadata.annotations).toEqual({ "service.cilium.io/global": "true", "service.cilium.io/shared": "false" });
    // apps runs its own Rook: the shadow must not take over the name of apps' local RGW Service.
    expect(shadow.metadata.name).not.toBe(objectStoreEndpoint.service);
  });

  it("GIVEN the endpoint THEN the component hands it on unchanged for the workloads' props", () => {
    const { tenants } = infraComponents();
    expect(remoteObjectStore(apps, tenants.endpoints.s3).endpoints.s3).toBe(tenants.endpoints.s3);
  });

  it("GIVEN the cluster that runs the object store THEN a remote shadow there is refused", () => {
    const { tenants } = infraComponents();
    expect(() => remoteObjectStore(infra, tenants.endpoints.s3)).toThrow(UserError);
    expect(() => remoteObjectStore(infra, tenants.endpoints.s3)).toThrow(/already runs on cluster "infra"/);
  });
});
