import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { convertOpenApiSchema, crdVersionSchemas } from "./flux-crd.js";

const openApi = {
  type: "object",
  properties: {
    apiVersion: { type: "string" },
    spec: {
      type: "object",
      "x-kubernetes-validations": [{ rule: "has(self.a)", message: "a is required" }],
      properties: {
        name: { type: "string", nullable: true },
        port: { "x-kubernetes-int-or-string": true, anyOf: [{ type: "integer" }, { type: "string" }] },
        values: { type: "object", "x-kubernetes-preserve-unknown-fields": true, properties: { known: { type: "string" } } },
        mode: { type: "string", enum: ["a", "b"], nullable: true },
        list: { type: "array", items: { type: "object", properties: { x: { type: "string" } } } },
        labels: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

describe("convertOpenApiSchema", () => {
  const validate = new Ajv({ strict: false }).compile(convertOpenApiSchema(openApi) as object);
  const ok = (spec: unknown) => validate({ apiVersion: "x/v1", spec });

  test("GIVEN nullable fields WHEN converted THEN null is accepted, also by an enum", () => {
    expect(ok({ name: null, mode: null })).toBe(true);
    expect(ok({ mode: "c" })).toBe(false);
  });

  test("GIVEN an int-or-string field WHEN converted THEN integers and strings pass, others fail", () => {
    expect(ok({ port: 80 })).toBe(true);
    expect(ok({ port: "http" })).toBe(true);
    expect(ok({ port: true })).toBe(false);
  });

  test("GIVEN objects with properties WHEN converted THEN unknown keys fail, except in preserve-unknown-fields objects", () => {
    expect(ok({ nam: "x" })).toBe(false);
    expect(ok({ list: [{ y: "1" }] })).toBe(false);
    expect(ok({ values: { anything: 1 } })).toBe(true);
    expect(ok({ labels: { a: "b" } })).toBe(true);
  });

  test("GIVEN the root object WHEN converted THEN it stays open (like the catalog) and x-kubernetes keys are gone", () => {
    expect(validate({ spec: {}, extra: 1 })).toBe(true);
    expect(JSON.stringify(convertOpenApiSchema(openApi))).not.toContain("x-kubernetes");
  });

  test("GIVEN the input schema WHEN converted THEN the input is unchanged", () => {
    const before = structuredClone(openApi);
    convertOpenApiSchema(openApi);
    expect(openApi).toEqual(before);
  });
});

describe("crdVersionSchemas", () => {
  test("GIVEN a CRD with a served and an unserved version WHEN read THEN only the served version is returned", () => {
    const yaml = `---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.example.com }
spec:
  group: example.com
  names: { kind: Widget, plural: widgets }
  versions:
    - name: v1
      served: true
      schema: { openAPIV3Schema: { type: object } }
    - name: v1beta1
      served: false
      schema: { openAPIV3Schema: { type: string } }
`;
    expect(crdVersionSchemas(yaml)).toEqual([
      { group: "example.com", kind: "Widget", version: "v1", openAPIV3Schema: { type: "object" } },
    ]);
  });
});
