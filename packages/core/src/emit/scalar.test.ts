import fc from "fast-check";
import { Document } from "yaml";
import { describe, expect, it } from "vitest";
import { MergeKeyError } from "./faithful.js";
import { documentOptions } from "./reference.js";
import { fastString, yamlString } from "./scalar.js";
import { yamlSpecials, yamlString as hostileString } from "./test-support.js";

const indents = ["  ", "    ", "      "];

describe("fastString", () => {
  it("GIVEN any string WHEN the scan decides it THEN the text is yaml's, as a key and as a value at any indent", () => {
    fc.assert(
      fc.property(hostileString, fc.constantFrom(...indents), fc.boolean(), (value, indent, implicitKey) => {
        const fast = fastString(value);
        if (fast !== undefined) expect(fast).toBe(yamlString(value, indent, implicitKey));
      }),
      { numRuns: 5000 },
    );
  });

  it("GIVEN the hand-picked YAML special cases THEN every decided one matches yaml", () => {
    for (const value of yamlSpecials) {
      const fast = fastString(value);
      for (const indent of indents) for (const implicitKey of [true, false]) {
        if (fast !== undefined) expect(fast, JSON.stringify(value)).toBe(yamlString(value, indent, implicitKey));
      }
    }
  });

  it("GIVEN ordinary manifest strings THEN the scan decides them (the fallback stays rare)", () => {
    const common = ["nginx", "kube-system", "app.kubernetes.io/name", "10.25.11.0/24", "1Gi", "500m", "v1", "http://x:80/a", "Ready", "a b c"];
    for (const value of common) expect(fastString(value), value).toBe(value);
    for (const value of ["no", "on", "0755", "1:20", "12", "1.5", "e5", "2001-12-14"]) expect(fastString(value)).toBe(`"${value}"`);
  });

  // The two shortcuts the scan takes before running yaml's tag tests, checked against the schema itself.
  const { schema } = new Document(null, documentOptions);
  const tagTests = [...schema.tags, ...(schema.compat ?? [])].flatMap((tag) =>
    tag.default && tag.tag !== "tag:yaml.org,2002:str" && tag.test ? [tag.test] : [],
  );
  const tail = fc.string({ unit: fc.constantFrom(..."0123456789.:_-+ \teExXbBoOnNaAfFlLsSuUrRtTyY"), maxLength: 8 });

  it("GIVEN a letter outside yYnNtTfFoOeE, `_` or `/` first THEN no YAML 1.1 or 1.2 core tag test matches", () => {
    fc.assert(
      fc.property(fc.constantFrom(..."abcdghijklmpqrsuvwxzABCDGHIJKLMPQRSUVWXZ_/"), tail, (first, rest) => {
        for (const test of tagTests) expect(test.test(first + rest)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it("GIVEN y, n, t, f or o first and more than 5 characters THEN no YAML 1.1 or 1.2 core tag test matches", () => {
    fc.assert(
      fc.property(fc.constantFrom(..."yYnNtTfFoO"), tail.filter((rest) => rest.length >= 5), (first, rest) => {
        for (const test of tagTests) expect(test.test(first + rest)).toBe(false);
      }),
      { numRuns: 3000 },
    );
    for (const word of ["yes", "False", "NULL", "off"]) expect(tagTests.some((test) => test.test(word))).toBe(true);
  });
});

describe("yamlString", () => {
  it("GIVEN strings that need it THEN yaml's quoting and block rules apply", () => {
    expect(yamlString("no", "  ", false)).toBe('"no"');
    expect(yamlString("a\nb\n", "  ", false)).toBe("|\n  a\n  b");
    expect(yamlString("a\nb", "    ", false)).toBe("|-\n    a\n    b");
    expect(yamlString("a\nb", "  ", true)).toBe('"a\\nb"');
    expect(yamlString("it's: x", "  ", false)).toBe("\"it's: x\"");
    expect(yamlString("0o17", "  ", false)).toBe('"0o17"'); // a YAML 1.2 octal
    expect(yamlString("<<", "  ", false)).toBe('"<<"'); // bare, YAML 1.1 readers see the merge tag
    expect(() => yamlString("<<", "  ", true)).toThrow(MergeKeyError); // no key "<<" survives kustomize
  });
});
