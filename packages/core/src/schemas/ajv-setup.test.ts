import { describe, expect, test } from "vitest";
import { createCoreAjv, createCrdAjv, isDuration, stripNullable } from "./ajv-setup.js";

describe("CRD ajv", () => {
  test("GIVEN two properties with different patterns WHEN validated THEN each pattern is enforced separately", () => {
    // Regression: ajv caches pattern engines by toString(); a shared key made every pattern the first one.
    const validate = createCrdAjv().compile({
      type: "object",
      properties: { a: { type: "string", pattern: "^a+$" }, b: { type: "string", pattern: "^b+$" } },
    });
    expect(validate({ a: "aa", b: "bb" })).toBe(true);
    expect(validate({ a: "aa", b: "aa" })).toBe(false);
  });

  test("GIVEN Go-only regex syntax ((?i), \\PC) WHEN compiled THEN RE2 semantics apply", () => {
    const validate = createCrdAjv().compile({
      type: "object",
      properties: { i: { type: "string", pattern: "^(?i)abc$" }, p: { type: "string", pattern: "^\\PC*$" } },
    });
    expect(validate({ i: "ABC", p: "printable" })).toBe(true);
    expect(validate({ p: "bell\u0007" })).toBe(false);
  });

  test("GIVEN kubeconform's asserted and ignored formats WHEN validated THEN only asserted ones reject bad values", () => {
    const validate = createCrdAjv().compile({
      type: "object",
      properties: {
        ts: { type: "string", format: "date-time" },
        ip: { type: "string", format: "ipv4" },
        cidr: { type: "string", format: "cidr" },
        n: { type: "integer", format: "int32" },
        d: { type: "string", format: "duration" },
      },
    });
    expect(validate({ ts: "2026-01-01T00:00:00Z", ip: "10.25.11.1", cidr: "anything", n: 1, d: "1h30m" })).toBe(true);
    expect(validate({ ts: "yesterday" })).toBe(false);
    expect(validate({ ip: "10.25.11.300" })).toBe(false);
    expect(validate({ d: "30 minutes" })).toBe(false);
  });

  test("GIVEN the core ajv WHEN a format is malformed THEN it is only an annotation, as in kubeconform", () => {
    const validate = createCoreAjv().compile({ type: "string", format: "date-time" });
    expect(validate("not a date")).toBe(true);
  });
});

describe("isDuration", () => {
  test.each(["0", "30m", "1h30m", "1.5h", "300ms", "10us", "-5s", "PT30M", "P1DT2H", "P2W"])(
    "GIVEN %s WHEN checked THEN it is a Go or ISO 8601 duration",
    (value) => expect(isDuration(value)).toBe(true),
  );
  test.each(["", "30", "30 minutes", "1d", "P", "PT", "m5"])("GIVEN %s WHEN checked THEN it is rejected", (value) =>
    expect(isDuration(value)).toBe(false),
  );
});

describe("stripNullable", () => {
  test("GIVEN boolean nullable keywords and a property named nullable WHEN stripped THEN only the keywords go", () => {
    const schema = {
      type: "object",
      nullable: true,
      properties: { nullable: { type: "boolean", nullable: true }, other: { nullable: false } },
    };
    const copy = structuredClone(schema);
    expect(stripNullable(schema)).toEqual({
      type: "object",
      properties: { nullable: { type: "boolean" }, other: {} },
    });
    expect(schema).toEqual(copy);
  });
});
