import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { closeObjectSchemas, dropRequired } from "./schema-transforms.js";

const check = (schema: unknown, value: unknown): boolean => new Ajv({ strict: false }).validate(schema as object, value);

describe("closeObjectSchemas", () => {
  test("GIVEN nested objects with properties WHEN closed THEN unknown keys fail at every level and known ones pass", () => {
    const schema = { type: "object", properties: { a: { type: "object", properties: { b: { type: "string" } } } } };
    const closed = closeObjectSchemas(schema);
    expect(check(closed, { a: { b: "x" } })).toBe(true);
    expect(check(closed, { z: 1 })).toBe(false);
    expect(check(closed, { a: { c: 1 } })).toBe(false);
    expect(check(schema, { a: { c: 1 } })).toBe(true);
  });

  test("GIVEN explicit additionalProperties or patternProperties WHEN closed THEN those objects keep the chart's choice and the rest is closed", () => {
    const schema = {
      type: "object",
      properties: {
        labels: { type: "object", properties: { app: { type: "string" } }, additionalProperties: { type: "string" } },
        env: { type: "object", properties: { A: {} }, patternProperties: { "^[A-Z]+$": {} } },
      },
    };
    const closed = closeObjectSchemas(schema);
    expect(check(closed, { labels: { app: "x", team: "y" }, env: { B: 1, b: 2 } })).toBe(true);
    expect(check(closed, { labels: { team: 1 } })).toBe(false);
    expect(check(closed, { other: 1 })).toBe(false);
  });

  test("GIVEN properties split across allOf or if/then WHEN closed THEN keys declared in any branch still pass", () => {
    const schema = {
      type: "object",
      properties: { kind: { type: "string" } },
      allOf: [{ properties: { a: { type: "string" } } }, { properties: { b: { type: "string" } } }],
      if: { properties: { kind: { const: "x" } } },
      // biome-ignore lint/suspicious/noThenProperty: "then" is the JSON Schema keyword under test
      then: { properties: { x: { type: "string" } } },
    };
    expect(check(closeObjectSchemas(schema), { kind: "x", a: "1", b: "2", x: "3" })).toBe(true);
  });

  test("GIVEN alternatives in anyOf without parent properties WHEN closed THEN each alternative is closed", () => {
    const schema = { anyOf: [{ type: "string" }, { type: "object", properties: { name: { type: "string" } } }] };
    const closed = closeObjectSchemas(schema);
    expect(check(closed, "x")).toBe(true);
    expect(check(closed, { name: "x" })).toBe(true);
    expect(check(closed, { nme: "x" })).toBe(false);
  });

  test("GIVEN a schema under not WHEN closed THEN it is unchanged, so the negation keeps its meaning", () => {
    const schema = { type: "object", properties: { a: {} }, not: { properties: { a: { const: 1 } }, required: ["a"] } };
    const closed = closeObjectSchemas(schema) as { not: unknown };
    expect(closed.not).toEqual(schema.not);
  });

  test("GIVEN a schema WHEN closed THEN the input is not modified", () => {
    const schema = { type: "object", properties: { a: { type: "object", properties: { b: {} } } } };
    const before = structuredClone(schema);
    closeObjectSchemas(schema);
    expect(schema).toEqual(before);
  });
});

describe("dropRequired", () => {
  test("GIVEN required keys at several levels WHEN dropped THEN partial values pass but types are still checked", () => {
    const schema = {
      type: "object",
      required: ["image"],
      properties: { image: { type: "object", required: ["tag"], properties: { tag: { type: "string" } } } },
    };
    const partial = dropRequired(schema);
    expect(check(partial, {})).toBe(true);
    expect(check(partial, { image: {} })).toBe(true);
    expect(check(partial, { image: { tag: 1 } })).toBe(false);
    expect(schema.required).toEqual(["image"]);
  });

  test("GIVEN oneOf branches told apart by required WHEN dropped THEN the branches keep their required", () => {
    const schema = { oneOf: [{ required: ["a"] }, { required: ["b"] }] };
    expect(dropRequired(schema)).toEqual(schema);
  });
});
