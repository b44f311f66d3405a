import { test, fc } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { UserError } from "@k8s-gitops/core";
import { coveringCidr } from "./cidr.js";

// Independent oracle: compare address bits as strings.
const bits = (cidr: string): { bits: string; length: number } => {
  const [address = "", length = "0"] = cidr.split("/");
  return { bits: address.split(".").map((o) => Number(o).toString(2).padStart(8, "0")).join(""), length: Number(length) };
};
const contains = (outer: string, inner: string): boolean => {
  const o = bits(outer);
  const i = bits(inner);
  return i.length >= o.length && o.bits.slice(0, o.length) === i.bits.slice(0, o.length);
};
const halves = (cidr: string): string[] => {
  const { bits: b, length } = bits(cidr);
  if (length === 32) return [];
  return ["0", "1"].map((bit) => {
    const full = (b.slice(0, length) + bit).padEnd(32, "0");
    const octets = [0, 8, 16, 24].map((i) => parseInt(full.slice(i, i + 8), 2));
    return `${octets.join(".")}/${length + 1}`;
  });
};
const cidrArb = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 32 }))
  .map(([a, b, c, d, l]) => `${a}.${b}.${c}.${d}/${l}`);

describe("coveringCidr", () => {
  it("GIVEN the two clusters' pod networks THEN the smallest prefix holding both is returned", () => {
    expect(coveringCidr(["10.42.0.0/16", "10.44.0.0/16"])).toBe("10.40.0.0/13");
  });

  it("GIVEN one CIDR with host bits set THEN its canonical network is returned", () => {
    expect(coveringCidr(["10.25.11.11/24"])).toBe("10.25.11.0/24");
  });

  test.prop([fc.array(cidrArb, { minLength: 1, maxLength: 5 })])("GIVEN any CIDRs THEN the result contains all of them and neither half of it does", (cidrs) => {
    const result = coveringCidr(cidrs);
    expect(cidrs.every((c) => contains(result, c))).toBe(true);
    for (const half of halves(result)) expect(cidrs.every((c) => contains(half, c))).toBe(false);
  });

  it("GIVEN no CIDR or a malformed one THEN a UserError names the value", () => {
    expect(() => coveringCidr([])).toThrow(UserError);
    expect(() => coveringCidr(["10.42.0.0/33"])).toThrow('"10.42.0.0/33" is not an IPv4 CIDR');
  });
});
