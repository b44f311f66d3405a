import { describe, expect, it } from "vitest";
import { linearity } from "./fleet.js";

const points = (f: (n: number) => number) => [1, 10, 50, 100].map((n) => ({ n, ms: f(n) }));

describe("linearity", () => {
  it("GIVEN a fixed start-up cost plus a constant cost per cluster THEN it is linear and the fit finds both", () => {
    const result = linearity(points((n) => 200 + 130 * n));
    expect(result.linear).toBe(true);
    expect(result.fit.a).toBeCloseTo(200, 6);
    expect(result.fit.b).toBeCloseTo(130, 6);
    expect(result.growth).toEqual({ from: 10, to: 100, ratio: (200 + 13_000) / (200 + 1_300), expected: 10 });
    expect(result.perCluster.map((p) => p.n)).toEqual([1, 10, 50, 100]);
  });

  it("GIVEN a cost that grows with N squared THEN it is not called linear", () => {
    expect(linearity(points((n) => 100 * n + 5 * n * n)).linear).toBe(false);
  });

  it("GIVEN a cost that grows a bit faster than N but still fits a line well THEN the growth ratio rules it out", () => {
    const result = linearity(points((n) => 50 * n ** 1.2));
    expect(result.fit.r2).toBeGreaterThan(0.98);
    expect(result.growth!.ratio).toBeGreaterThan(12);
    expect(result.linear).toBe(false);
  });
});
