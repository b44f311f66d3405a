import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import fg from "fast-glob";
import fc from "fast-check";
import { Namespace } from "kubernetes-models/v1";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { UserError } from "../errors/index.js";
import { kubectlRequired, kustomizeBuild, materialize } from "../testing/kustomize.js";
import { emitDocument, emptyStats } from "./fast.js";
import { doubleQuotedJson, yamlWritesWrongly } from "./faithful.js";
import { referenceDocument } from "./reference.js";
import { yamlKey, yamlValue } from "./test-support.js";
import { emitYaml, emitYamlReference } from "./yaml.js";

const generated = resolve(import.meta.dirname, "../../../../generated");

/** Where two outputs first differ, as `line N: fast | reference`, for a readable failure. */
function firstDifference(fast: string, reference: string): string | undefined {
  if (fast === reference) return undefined;
  const a = fast.split("\n");
  const b = reference.split("\n");
  const line = a.findIndex((text, index) => text !== b[index]);
  const at = line === -1 ? a.length : line;
  return `line ${at + 1}: ${JSON.stringify(a[at])} | reference ${JSON.stringify(b[at])}`;
}

/** The text, or the name of the error that refused the document (both emitters must agree on either). */
function outcome(emit: () => string): string {
  try {
    return emit();
  } catch (error) {
    return `refused: ${(error as Error).constructor.name}`;
  }
}

function expectSame(document: unknown, label = ""): void {
  for (const preserveOrder of [false, true]) {
    const difference = firstDifference(outcome(() => emitDocument(document, preserveOrder)), outcome(() => referenceDocument(document, preserveOrder)));
    expect(difference, `${label} (preserveOrder ${preserveOrder})`).toBeUndefined();
  }
}

describe("emitDocument on the generated corpus", () => {
  const files = fg.sync("**/*.{yaml,yml}", { cwd: generated, dot: true }).sort();

  it("GIVEN every document of every YAML file under generated/ WHEN re-emitted THEN the bytes equal yaml's Document path", () => {
    expect(files.length).toBeGreaterThan(100);
    const stats = emptyStats();
    const failures: string[] = [];
    for (const file of files) {
      const documents = parseAllDocuments(readFileSync(resolve(generated, file), "utf8"), { version: "1.1" });
      const values = (Array.isArray(documents) ? documents : [documents]).map((document) => document.toJS() as unknown);
      for (const preserveOrder of [false, true]) {
        const options = { source: file, preserveOrder };
        const difference = firstDifference(emitYaml(values, options), emitYamlReference(values, options));
        if (difference) failures.push(`${file} ${difference}`);
      }
      for (const value of values) emitDocument(value, false, stats);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // The scan, not yaml, decides nearly every string; whole-document fallbacks are for odd input only.
    expect(stats.documents).toBeGreaterThan(files.length);
    expect(stats.documentFallbacks).toBe(0);
    expect(stats.stringFallbacks / stats.strings).toBeLessThan(0.02);
  });
});

describe("emitDocument on generated values", () => {
  it("GIVEN an empty key beside a ranked one (a counterexample fast-check found) THEN the bytes equal the reference path", () => {
    expectSame([[{ "": "", name: 0 }]], "empty key");
  });

  it("GIVEN random JSON values THEN the bytes equal the reference path", () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expectSame(value)), { numRuns: 1000 });
  });

  it("GIVEN documents full of YAML special cases THEN the bytes equal the reference path", () => {
    fc.assert(fc.property(fc.dictionary(yamlKey, yamlValue, { maxKeys: 6 }), (value) => expectSame(value)), { numRuns: 2000 });
  });

  it("GIVEN documents full of YAML special cases THEN YAML 1.1 and 1.2 parsers read back the JSON data", () => {
    fc.assert(
      fc.property(fc.dictionary(yamlKey, yamlValue, { maxKeys: 6 }), (value) => {
        const text = emitYaml([value], { source: "test" });
        const expected: unknown = JSON.parse(JSON.stringify(value));
        for (const version of ["1.1", "1.2"] as const) {
          const documents = parseAllDocuments(text, { version });
          const [document] = Array.isArray(documents) ? documents : [documents];
          expect(document?.errors).toEqual([]);
          expect(document?.toJS()).toEqual(expected);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("GIVEN the strings yaml 2.9.1 itself writes wrongly THEN both emitters write them as JSON strings, which read back exactly", () => {
    for (const value of ["<<", " \n", "\n  \n", `${"line\n".repeat(8)} \n\t`]) {
      expect(yamlWritesWrongly(value)).toBe(true);
      const document = { ...(value === "<<" ? {} : { [value]: value }), a: value, list: [value] };
      expectSame(document);
      expect(emitDocument(document)).toContain(`a: ${doubleQuotedJson(value)}\n`);
      expect(readBack(emitYaml([document], { source: "test" }))).toEqual(document);
    }
  });

  it("GIVEN a key of << anywhere THEN both emitters refuse the document, naming the source, the object and every path", () => {
    const document = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "ns" }, data: { "<<": "v" }, list: [{ "<<": 1 }] };
    for (const emit of [emitYaml, emitYamlReference]) {
      let error: UserError | undefined;
      try {
        emit([{ kind: "Other" }, document], { source: "component demo (cluster infra)" });
      } catch (caught) {
        error = caught as UserError;
      }
      expect(error).toBeInstanceOf(UserError);
      expect(error!.message).toMatch(/^component demo \(cluster infra\): document 2 \(ConfigMap ns\/x\) has a key "<<", which cannot be written: kustomize reads/);
      expect(error!.problems).toEqual(["at /data/<<", "at /list/0/<<"]);
    }
  });

  it.skipIf(!kubectlRequired())("GIVEN kustomize THEN a << value builds and keeps its value, while a << key is lost quoted or not (why the emitter refuses it)", () => {
    const build = (data: string) => {
      const { dir, cleanup } = materialize([
        { path: "kustomization.yaml", content: "resources:\n  - cm.yaml\n" },
        { path: "cm.yaml", content: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${data}` },
      ]);
      try {
        return kustomizeBuild(dir);
      } catch (error) {
        return String((error as { stderr?: unknown }).stderr ?? error);
      } finally {
        cleanup();
      }
    };
    expect(build(emitDocument({ a: "<<", b: "y" }).replace(/^/gm, "  "))).toMatch(/a: "?<<"?\n/);
    expect(build('  "<<": lost-value\n  b: y\n')).not.toContain("lost-value");
    expect(build("  <<: lost-value\n")).toContain("map merge requires map");
  });
});

/** The first document of a text as YAML 1.1 reads it, or the error reading it raises. */
function readBack(text: string): unknown {
  try {
    const documents = parseAllDocuments(text, { version: "1.1" });
    return (Array.isArray(documents) ? documents[0] : documents)?.toJS();
  } catch (error) {
    return error;
  }
}

describe("emitDocument at the edges of JSON", () => {
  it("GIVEN a kubernetes-models instance and a Date THEN their toJSON() is emitted", () => {
    const document = { kind: "List", items: [new Namespace({ metadata: { name: "demo", labels: { b: "1", a: "2" } } })], at: new Date(0) };
    expectSame(document);
    expect(emitDocument(document)).toContain(`at: "1970-01-01T00:00:00.000Z"`);
  });

  it("GIVEN undefined, functions, symbols, NaN and infinities THEN they vanish from objects and are null in arrays, as in JSON", () => {
    const document = { a: undefined, b: () => 1, c: Symbol("c"), d: [undefined, () => 1, Symbol("d"), Number.NaN, -Infinity, -0], e: 1 };
    expectSame(document);
    expect(emitDocument(document)).toBe("d:\n  - null\n  - null\n  - null\n  - null\n  - null\n  - 0\ne: 1\n");
  });

  it("GIVEN array-index keys THEN they come first in numeric order, as the reference's plain objects order them", () => {
    const document = { b: 1, 10: "x", a: 2, 9: "y", "09": "z", 4294967295: "big", kind: "K" };
    expectSame(document);
    expect(emitDocument(document).split("\n").map((line) => line.split(":")[0])).toEqual(['"9"', '"10"', "kind", '"09"', '"4294967295"', "a", "b", ""]);
  });

  it("GIVEN nested metadata, empty collections, nested sequences and class instances THEN the bytes equal the reference path", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expectSame({
      spec: { metadata: { z: 1, name: "n" }, empty: {}, none: [], list: [[], {}, [1, [2, { b: 1, a: 2 }]], { name: "x", apiVersion: "v" }] },
      metadata: { annotations: { z: "1" }, labels: {}, namespace: "ns", name: "x", extra: "e" },
      point: new Point(1, 2),
      kind: "K",
    });
  });

  it("GIVEN input outside the JSON subset the emitter handles THEN the reference path writes it or throws the same error", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => emitDocument(cyclic)).toThrow(TypeError);
    expect(() => emitDocument({ n: 1n })).toThrow(TypeError);
    const stats = emptyStats();
    for (const document of ["text", "a\nb\n", 42, null, { b: new Boolean(false), s: new String("no") }, { ["k".repeat(1030)]: 1 }, Object.assign([1], { k: 2 })]) {
      expect(emitDocument(document, false, stats)).toBe(referenceDocument(document));
    }
    expect(stats.documentFallbacks).toBe(6);
  });

  it("GIVEN a data key named __proto__ (as JSON.parse makes it) THEN it is written like any other key", () => {
    const document: unknown = JSON.parse('{"b": 1, "__proto__": {"x": "y"}, "a": 2}');
    expectSame(document);
    expect(emitDocument(document)).toBe("__proto__:\n  x: \"y\"\na: 2\nb: 1\n");
  });

  it("GIVEN preserveOrder THEN keys keep their order and nothing is sorted", () => {
    expect(emitDocument({ z: 1, a: { x: 2, b: 3 } }, true)).toBe("z: 1\na:\n  x: 2\n  b: 3\n");
  });
});
