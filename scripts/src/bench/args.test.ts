import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./args.js";

describe("parseBenchArgs", () => {
  it("GIVEN no flags THEN 5 runs, the fleet sizes of the issue and every section", () => {
    expect(parseBenchArgs([])).toEqual({ runs: 5, fleet: [1, 10, 50, 100], fleetRuns: undefined, sections: ["reference", "fleet", "compare", "verify"], json: false, scratch: undefined });
  });

  it("GIVEN flags THEN sizes are sorted and deduplicated and sections keep their order", () => {
    const args = parseBenchArgs(["--runs", "3", "--fleet", "10,1,10", "--fleet-runs", "2", "--only", "compare,fleet", "--json", "--scratch", "/dev/shm"]);
    expect(args).toEqual({ runs: 3, fleet: [1, 10], fleetRuns: 2, sections: ["fleet", "compare"], json: true, scratch: "/dev/shm" });
  });

  it("GIVEN a bad value THEN the message names the flag and the value", () => {
    expect(() => parseBenchArgs(["--runs", "0"])).toThrow('--runs "0"');
    expect(() => parseBenchArgs(["--fleet", "1,x"])).toThrow('--fleet "x"');
    expect(() => parseBenchArgs(["--only", "speed"])).toThrow("--only speed");
  });
});
