import { describe, expect, test } from "vitest";
import { readJsonFile } from "./schema-files.js";
import { sharedSchemasRoot } from "./__fixtures__/shared-root.js";
import { hasHelmSchema, helmSchemaPath, validateHelmValues } from "./helm.js";
import { join } from "node:path";

describe(`validateHelmValues (needs the upstream schemas)`, () => {
  const root = sharedSchemasRoot;

  test("GIVEN Cilium values with a kubeProxyReplacment typo WHEN validated THEN only rejectUnknownKeys rejects it", () => {
    const values = { kubeProxyReplacment: true, ipam: { mode: "kubernetes" } };
    expect(validateHelmValues("cilium", "1.20.0", values, { root })).toEqual([]);
    expect(validateHelmValues("cilium", "1.20.0", values, { root, rejectUnknownKeys: true })).toEqual([
      { path: "", message: 'must NOT have additional properties ("kubeProxyReplacment")' },
    ]);
  });

  test("GIVEN a nested Cilium typo WHEN validated with rejectUnknownKeys THEN its parent path is reported", () => {
    const values = { kubeProxyReplacement: true, ipam: { mode: "kubernetes", operator: { clusterPoolIPv4PodCIDRLst: [] } } };
    expect(validateHelmValues("cilium", "1.20.0", values, { root, rejectUnknownKeys: true })).toEqual([
      { path: "/ipam/operator", message: 'must NOT have additional properties ("clusterPoolIPv4PodCIDRLst")' },
    ]);
  });

  test("GIVEN a wrongly typed Cilium value WHEN validated THEN the type error names the value", () => {
    const problems = validateHelmValues("cilium", "1.20.0", { ipam: { mode: 42 } }, { root });
    expect(problems).toContainEqual(expect.objectContaining({ path: "/ipam/mode", message: expect.stringContaining("(got 42)") }));
  });

  test("GIVEN cert-manager values with an unknown key WHEN validated THEN its own schema rejects it", () => {
    expect(validateHelmValues("cert-manager", "v1.21.1", { crds: { enabled: true } }, { root })).toEqual([]);
    expect(validateHelmValues("cert-manager", "v1.21.1", { installCRDz: true }, { root })).toEqual([
      { path: "", message: 'must NOT have additional properties ("installCRDz")' },
    ]);
  });

  test.each([
    ["external-secrets", "2.9.0"],
    ["flux-operator", "0.49.0"],
    ["flux-instance", "0.49.0"],
    ["keycloakx", "7.1.11"],
    ["cloudnative-pg", "0.29.0"],
  ])("GIVEN the %s %s schema (its own dialect) WHEN partial values are validated THEN they pass and a typo fails", (chart, version) => {
    expect(validateHelmValues(chart, version, {}, { root, partial: true })).toEqual([]);
    expect(validateHelmValues(chart, version, { zzTypo: 1 }, { root, partial: true, rejectUnknownKeys: true })).toEqual([
      { path: "", message: 'must NOT have additional properties ("zzTypo")' },
    ]);
  });

  test("GIVEN a chart whose root requires keys WHEN empty values are validated without partial THEN required is enforced", () => {
    expect(validateHelmValues("keycloakx", "7.1.11", {}, { root })).toContainEqual({
      path: "",
      message: "must have required property 'image'",
    });
  });

  test("GIVEN rejectUnknownKeys was used WHEN the cached schema is read again THEN it was not modified", () => {
    validateHelmValues("cilium", "1.19.6", {}, { root, rejectUnknownKeys: true });
    const cached = readJsonFile(join(root, helmSchemaPath("cilium", "1.19.6"))) as { additionalProperties?: unknown };
    expect(cached.additionalProperties).toBeUndefined();
  });

  test("GIVEN charts with and without a schema WHEN checked THEN hasHelmSchema tells them apart and validation of none throws", () => {
    expect(hasHelmSchema("cilium", "1.20.0", { root })).toBe(true);
    expect(hasHelmSchema("harbor", "1.19.1", { root })).toBe(false);
    expect(() => validateHelmValues("harbor", "1.19.1", {}, { root })).toThrow(/chart "harbor" version "1.19.1" has no values schema/);
  });
});
