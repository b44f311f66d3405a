import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { append, merge, mergeByKey } from "./index.js";
import { deepFreeze } from "../testing/freeze.js";

// Leaves are anything that is not a plain object; objects keep the same keys' kinds across
// base and overlays (the precondition of associativity, see merge's TSDoc).
const leaf = fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));
const keys = ["a", "b", "c", "d"] as const;

/** A shape decides for each key whether it holds an object (with a nested shape) or a leaf. */
type Shape = { [key: string]: Shape | "leaf" };
const shapeArb: fc.Arbitrary<Shape> = fc.letrec<{ shape: Shape }>((tie) => ({
  shape: fc.dictionary(fc.constantFrom(...keys), fc.oneof({ depthSize: "small" }, fc.constant("leaf" as const), tie("shape")), { maxKeys: 4 }),
})).shape;

function valueOfShape(shape: Shape): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(shape).map(([key, sub]) => [key, fc.option<unknown>(sub === "leaf" ? (leaf as fc.Arbitrary<unknown>) : valueOfShape(sub), { nil: undefined })] as const);
  return fc.record(Object.fromEntries(entries)) as fc.Arbitrary<Record<string, unknown>>;
}
const triple = shapeArb.chain((shape) => fc.tuple(valueOfShape(shape), valueOfShape(shape), valueOfShape(shape)));
const anyJson = fc.jsonValue();

const withoutUndefined = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

describe("merge laws", () => {
  it("GIVEN any value WHEN merged with no overlay or an empty overlay THEN it is unchanged (identity)", () => {
    fc.assert(
      fc.property(triple, ([a]) => {
        expect(merge(a)).toEqual(withoutUndefined(a));
        expect(merge(a, {})).toEqual(withoutUndefined(a));
        expect(merge({}, a)).toEqual(withoutUndefined(a));
      }),
    );
  });

  it("GIVEN three layers of the same shape THEN (a+b)+c equals a+(b+c) (associativity)", () => {
    fc.assert(
      fc.property(triple, ([a, b, c]) => {
        expect(merge(merge(a, b), c)).toEqual(merge(a, merge(b, c)));
        expect(merge(a, b, c)).toEqual(merge(merge(a, b), c));
      }),
    );
  });

  it("GIVEN frozen inputs WHEN merged THEN nothing throws, inputs are unchanged and the result shares no objects with them", () => {
    fc.assert(
      fc.property(triple, ([a, b, c]) => {
        const before = JSON.stringify([a, b, c]);
        const inputs = deepFreeze([a, b, c]);
        const result = merge(inputs[0], inputs[1], inputs[2]);
        expect(JSON.stringify([a, b, c])).toBe(before);
        const seen = new Set<unknown>();
        const collect = (v: unknown) => {
          if (v && typeof v === "object") {
            seen.add(v);
            Object.values(v).forEach(collect);
          }
        };
        [a, b, c].forEach(collect);
        const shared: unknown[] = [];
        const check = (v: unknown) => {
          if (v && typeof v === "object") {
            if (seen.has(v)) shared.push(v);
            Object.values(v).forEach(check);
          }
        };
        check(result);
        expect(shared).toEqual([]);
      }),
    );
  });

  it("GIVEN any JSON overlay on an empty base THEN the result equals the overlay without undefined keys", () => {
    fc.assert(
      fc.property(anyJson, (overlay) => {
        expect(merge({} as unknown, overlay)).toEqual(overlay);
      }),
    );
  });
});

describe("merge semantics", () => {
  it("GIVEN a data key named __proto__ (as JSON.parse produces) THEN it stays an own key and never becomes the prototype", () => {
    const base = JSON.parse('{"a": 1, "__proto__": {"x": 1, "y": 2}}') as Record<string, unknown>;
    const overlay = JSON.parse('{"__proto__": {"y": 3}}') as Record<string, unknown>;
    const result = merge(base, overlay) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(["a", "__proto__"]);
    expect(Object.getOwnPropertyDescriptor(result, "__proto__")?.value).toEqual(JSON.parse('{"x": 1, "y": 3}'));
    const fresh = merge({} as Record<string, unknown>, overlay) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(fresh, "__proto__")?.value).toEqual(JSON.parse('{"y": 3}'));
  });

  it("merges objects recursively and keeps sibling defaults", () => {
    expect(merge({ a: { x: 1, y: 2 }, b: 1 }, { a: { y: 3 } })).toEqual({ a: { x: 1, y: 3 }, b: 1 });
  });

  it("replaces arrays instead of concatenating them", () => {
    expect(merge({ args: ["--a", "--b"] }, { args: ["--c"] })).toEqual({ args: ["--c"] });
  });

  it("treats undefined as not set and keeps null (Helm's delete)", () => {
    expect(merge({ a: 1, b: { c: 2 } }, { a: undefined, b: null })).toEqual({ a: 1, b: null });
  });

  it("appends to a list with append()", () => {
    expect(merge({ args: ["--a"] }, { args: append("--b") }, { args: append("--c") })).toEqual({ args: ["--a", "--b", "--c"] });
    expect(merge<{ args?: string[] }>({}, { args: append("--b") })).toEqual({ args: ["--b"] });
  });

  it("merges list items by key with mergeByKey(), appending new keys in order", () => {
    type C = { name: string; image?: string; ports?: number[] };
    const base: { containers: C[] } = { containers: [{ name: "app", image: "a:1", ports: [80] }, { name: "side", image: "s:1" }] };
    const result = merge(base, { containers: mergeByKey<C>([{ name: "app", image: "a:2" }, { name: "new", image: "n:1" }]) });
    expect(result.containers).toEqual([
      { name: "app", image: "a:2", ports: [80] },
      { name: "side", image: "s:1" },
      { name: "new", image: "n:1" },
    ]);
  });

  it("keeps list markers associative when overlays are combined first", () => {
    const a = { args: ["x"] };
    const b = { args: append("y") };
    const c = { args: append("z") };
    expect(merge(a, merge(b, c))).toEqual(merge(merge(a, b), c));
  });
});
