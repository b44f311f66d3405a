import { emitYaml, UserError } from "@k8s-gitops/core";
import { fixtureContext, strictProblems } from "@k8s-gitops/core/testing";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  exportGlobalService,
  globalServiceAnnotations,
  globalServiceRef,
  remoteServiceShadow,
  serviceUrl,
  shadowServices,
  type GlobalServiceRef,
} from "./index.js";

const infra = fixtureContext("infra");
const apps = fixtureContext("apps");
const vmsingle: GlobalServiceRef = { cluster: "infra", namespace: "observability", name: "vmsingle-victoria-metrics", port: 8428 };

describe("globalServiceAnnotations", () => {
  it("GIVEN no options THEN the Service is global and shares its backends", () => {
    expect(globalServiceAnnotations()).toEqual({ "service.cilium.io/global": "true", "service.cilium.io/shared": "true" });
  });

  it("GIVEN shared: false THEN the Service stays global but offers no backends", () => {
    expect(globalServiceAnnotations({ shared: false })).toEqual({ "service.cilium.io/global": "true", "service.cilium.io/shared": "false" });
  });
});

describe("globalServiceRef / exportGlobalService", () => {
  it("GIVEN the infra context WHEN making a ref THEN it is owned by infra", () => {
    expect(globalServiceRef(infra, { namespace: "observability", name: "x", port: 80 }).cluster).toBe("infra");
  });

  it("GIVEN the owning cluster WHEN exporting THEN the serving Service gets global and shared annotations", () => {
    expect(exportGlobalService(infra, vmsingle)).toEqual(globalServiceAnnotations({ shared: true }));
  });

  it("GIVEN a ref owned by infra WHEN exporting from apps THEN a UserError names both clusters", () => {
    expect(() => exportGlobalService(apps, vmsingle)).toThrow(UserError);
    expect(() => exportGlobalService(apps, vmsingle)).toThrow(/belongs to cluster "infra" and cannot be exported from cluster "apps"/);
  });

  it("GIVEN an invalid ref THEN every bad field is reported with its value", () => {
    const bad = { ...vmsingle, name: "VMSingle", port: 0, path: "insert" };
    const error = (() => {
      try {
        serviceUrl(bad);
      } catch (e) {
        return e as UserError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(UserError);
    expect(error.problems).toEqual([
      'name: must be a DNS label, got "VMSingle"',
      "port: must be an integer from 1 to 65535, got 0",
      'path: must start with "/" and hold no spaces, query or fragment, got "insert"',
    ]);
  });
});

describe("remoteServiceShadow", () => {
  const shadow = remoteServiceShadow({ ...vmsingle, portName: "http" }).toJSON() as Record<string, any>;

  it("GIVEN a remote ref THEN the shadow has the owner's name, namespace and port, and no selector", () => {
    expect(shadow.metadata).toMatchObject({ name: vmsingle.name, namespace: vmsingle.namespace });
    expect(shadow.spec.ports).toEqual([{ name: "http", port: 8428, protocol: "TCP", targetPort: 8428 }]);
    expect(shadow.spec.selector).toBeUndefined();
  });

  it("GIVEN a remote ref THEN the shadow is global but does not share (it has no backends)", () => {
    expect(shadow.metadata.annotations).toEqual({ "service.cilium.io/global": "true", "service.cilium.io/shared": "false" });
  });

  it("GIVEN the shadow THEN it validates strictly as a v1 Service", () => {
    expect(strictProblems([{ path: "service.yaml", content: emitYaml([remoteServiceShadow(vmsingle)], { source: "test" }) }])).toEqual([]);
  });
});

describe("shadowServices", () => {
  it("GIVEN a ref owned by the cluster being built THEN no shadow is needed", () => {
    expect(shadowServices(infra, "observability", [vmsingle])).toEqual([]);
  });

  it("GIVEN the same remote ref twice THEN one shadow is made", () => {
    expect(shadowServices(apps, "observability", [vmsingle, { ...vmsingle, path: "/api/v1/write" }])).toHaveLength(1);
  });

  it("GIVEN a remote ref from another namespace THEN the consumer is refused, naming both namespaces", () => {
    expect(() => shadowServices(apps, "gitlab", [vmsingle])).toThrow(/needs its shadow Service in namespace "observability", but the consuming component runs in "gitlab"/);
  });
});

describe("serviceUrl", () => {
  it("GIVEN a ref with a path and an extra path THEN both are appended after the port", () => {
    expect(serviceUrl({ ...vmsingle, path: "/insert" }, "/jsonline?x=1")).toBe(
      "http://vmsingle-victoria-metrics.observability.svc.cluster.local:8428/insert/jsonline?x=1",
    );
  });

  it("GIVEN an extra path without a leading slash THEN it is refused", () => {
    expect(() => serviceUrl(vmsingle, "api")).toThrow(/path must start with "\/", got "api"/);
  });

  // WHATWG URL (the parser this test uses) decodes an `xn--` label as Punycode and rejects
  // "xn--a"; Kubernetes accepts it, and Go clients do not decode it, so such names are left out.
  const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/).filter((value) => !value.startsWith("xn--"));
  test.prop([label, label, fc.integer({ min: 1, max: 65535 })])(
    "GIVEN any valid name, namespace and port THEN the URL resolves to that Service's cluster DNS name and port",
    (name, namespace, port) => {
      const url = new URL(serviceUrl({ cluster: "infra", namespace, name, port }));
      expect(url.hostname).toBe(`${name}.${namespace}.svc.cluster.local`);
      expect(url.port === "" ? 80 : Number(url.port)).toBe(port);
    },
  );
});
