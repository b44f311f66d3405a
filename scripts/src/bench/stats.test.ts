import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { linearFit, summarize } from "./stats.js";

describe("summarize", () => {
  it("GIVEN an odd and an even series THEN the median is the middle value or the mean of the two middle ones", () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, runs: 3 });
    expect(summarize([4, 1, 3, 10]).median).toBe(3.5);
  });

  it("GIVEN no measurement THEN it refuses to invent a figure", () => {
    expect(() => summarize([])).toThrow(RangeError);
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 })])(
    "GIVEN any series THEN min <= median <= max and the input is not reordered",
    (values) => {
      const copy = [...values];
      const s = summarize(values);
      expect(s.min).toBeLessThanOrEqual(s.median);
      expect(s.median).toBeLessThanOrEqual(s.max);
      expect(values).toEqual(copy);
    },
  );
});

describe("linearFit", () => {
  test.prop([fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0.1, max: 1e3, noNaN: true })])(
    "GIVEN points on a line THEN the fit recovers its intercept and slope with R^2 = 1",
    (a, b) => {
      const fit = linearFit([1, 10, 50, 100].map((x) => [x, a + b * x] as const));
      expect(fit.a).toBeCloseTo(a, 6);
      expect(fit.b).toBeCloseTo(b, 6);
      expect(fit.r2).toBeCloseTo(1, 9);
    },
  );

  it("GIVEN points on a parabola THEN R^2 is clearly below 1", () => {
    expect(linearFit([1, 10, 50, 100].map((x) => [x, x * x] as const)).r2).toBeLessThan(0.98);
  });

  it("GIVEN a single x value THEN no line is determined", () => {
    expect(() => linearFit([[5, 1], [5, 2]])).toThrow(RangeError);
  });
});
