import { describe, expect, it } from "vitest";
import { CrdAwareValidator, type ObjectValidator } from "./crd-schemas.js";

const upstream: ObjectValidator = {
  schemaSource: () => undefined,
  validate: (doc) => [{ path: "", message: `no schema for ${JSON.stringify(doc).slice(0, 10)}` }],
};
const crd = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "drivers.csi.example.net" },
  spec: {
    group: "csi.example.net",
    names: { kind: "Driver", plural: "drivers" },
    scope: "Namespaced",
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { replicas: { type: "integer" } } } } } },
      },
    ],
  },
};
const driver = (spec: unknown, extra: Record<string, unknown> = {}) => ({ apiVersion: "csi.example.net/v1", kind: "Driver", metadata: { name: "d" }, spec, ...extra });

describe("CrdAwareValidator", () => {
  const validator = new CrdAwareValidator(upstream);
  validator.addCrds([crd], "HelmRelease rook-ceph/rook-ceph (infra)");

  it("GIVEN a custom resource whose CRD a chart installs THEN it is validated against that CRD's schema, named as the source", () => {
    expect(validator.schemaSource("csi.example.net/v1", "Driver")).toBe("CustomResourceDefinition csi.example.net/v1 Driver from HelmRelease rook-ceph/rook-ceph (infra)");
    expect(validator.validate(driver({ replicas: 2 }))).toEqual([]);
    expect(validator.validate(driver({ replicas: "two" }))).toEqual([{ path: "/spec/replicas", message: "must be integer (got \"two\")" }]);
  });

  it("GIVEN an unknown top-level key THEN it is rejected as for every kind", () => {
    expect(validator.validate(driver({}, { spce: {} }))).toEqual([{ path: "/spce", message: "unknown field (not in the CustomResourceDefinition's schema)" }]);
  });

  it("GIVEN a kind no CRD defines THEN the upstream validator answers", () => {
    expect(validator.schemaSource("csi.example.net/v1", "Other")).toBeUndefined();
    expect(validator.validate({ kind: "Other" })[0]?.message).toMatch(/^no schema/);
  });
});
