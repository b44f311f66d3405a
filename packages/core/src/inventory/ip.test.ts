import { describe, expect, it } from "vitest";
import { canonicalCidr, cidrContains, cidrsOverlap, cidrWithin, firstHostAddress, isIPv4, isIPv4WithPrefix } from "./ip.js";

describe("IPv4 helpers", () => {
  it.each(["10.25.11.10", "0.0.0.0", "255.255.255.255"])("GIVEN %s WHEN checking THEN it is an IPv4 address", (text) => {
    expect(isIPv4(text)).toBe(true);
  });

  it.each(["999.1.1.1", "10.25.11", "010.25.11.10", "10.25.11.10/24", " 10.25.11.10", "0x0a.1.1.1"])(
    "GIVEN %j WHEN checking THEN it is not an IPv4 address",
    (text) => {
      expect(isIPv4(text)).toBe(false);
    },
  );

  it("GIVEN address/prefix strings WHEN checking THEN the prefix must be 0..32", () => {
    expect(isIPv4WithPrefix("10.25.11.11/24")).toBe(true);
    expect(isIPv4WithPrefix("10.25.11.11/33")).toBe(false);
    expect(isIPv4WithPrefix("10.25.11.11")).toBe(false);
  });

  it("GIVEN a CIDR with host bits WHEN canonicalising THEN the network address is used", () => {
    expect(canonicalCidr("10.0.0.1/24")).toBe("10.0.0.0/24");
    expect(canonicalCidr("10.42.200.7/17")).toBe("10.42.128.0/17");
  });

  it("GIVEN nested and disjoint ranges WHEN comparing THEN containment and overlap follow the prefixes", () => {
    expect(cidrWithin("10.25.12.0/25", "10.25.12.0/24")).toBe(true);
    expect(cidrWithin("10.25.12.0/24", "10.25.12.0/25")).toBe(false);
    expect(cidrsOverlap("10.25.12.0/24", "10.25.12.128/25")).toBe(true);
    expect(cidrsOverlap("10.25.12.128/25", "10.25.12.0/24")).toBe(true);
    expect(cidrsOverlap("10.42.0.0/16", "10.43.0.0/16")).toBe(false);
    expect(cidrContains("10.43.0.0/16", "10.43.0.10")).toBe(true);
    expect(cidrContains("10.43.0.0/16", "10.44.0.10")).toBe(false);
  });

  it("GIVEN service CIDRs WHEN asking for the first host THEN it follows the network address", () => {
    expect(firstHostAddress("10.43.0.0/16")).toBe("10.43.0.1");
    expect(firstHostAddress("10.43.0.252/30")).toBe("10.43.0.253");
    expect(firstHostAddress("10.43.0.254/31")).toBeUndefined();
  });
});
