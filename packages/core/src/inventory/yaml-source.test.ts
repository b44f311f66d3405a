import { describe, expect, it } from "vitest";
import { parseYamlSource } from "./yaml-source.js";

const text = ["cluster:", "  name: infra", "  endpoint: { vip: 10.25.11.10 }", "nodes:", "  - hostname: a", "    empty:", ""].join("\n");

describe("parseYamlSource", () => {
  const source = parseYamlSource("inventory.yaml", text);

  it("GIVEN a scalar field WHEN locating THEN its value is pointed at", () => {
    expect(source.locate(["cluster", "name"])).toEqual({ line: 2, col: 9 });
    expect(source.locate(["cluster", "endpoint", "vip"])).toEqual({ line: 3, col: 20 });
  });

  it("GIVEN a collection or an empty value WHEN locating THEN its key is pointed at", () => {
    expect(source.locate(["cluster", "endpoint"])).toEqual({ line: 3, col: 3 });
    expect(source.locate(["nodes", 0, "empty"])).toEqual({ line: 6, col: 5 });
  });

  it("GIVEN a missing field WHEN locating THEN the nearest existing parent is pointed at", () => {
    expect(source.locate(["cluster", "endpoint", "port"])).toEqual({ line: 3, col: 3 });
    expect(source.locate(["nodes", 0, "disks", "install"])).toEqual({ line: 5, col: 5 });
    expect(source.locate(["nodes", 3, "hostname"])).toEqual({ line: 4, col: 1 });
  });

  it("GIVEN a field asked for by key WHEN locating THEN the key is pointed at even for scalars", () => {
    expect(source.locate(["cluster", "name"], true)).toEqual({ line: 2, col: 3 });
  });

  it("GIVEN valid YAML WHEN parsing THEN the data is plain JS and there are no syntax errors", () => {
    expect(source.syntaxErrors).toEqual([]);
    expect(source.data).toEqual({ cluster: { name: "infra", endpoint: { vip: "10.25.11.10" } }, nodes: [{ hostname: "a", empty: null }] });
  });

  it("GIVEN an alias to an undefined anchor WHEN parsing THEN it is a syntax error, not an exception", () => {
    const broken = parseYamlSource("x.yaml", "a: *missing\n");

    expect(broken.data).toBeUndefined();
    expect(broken.syntaxErrors.length).toBeGreaterThan(0);
  });
});
