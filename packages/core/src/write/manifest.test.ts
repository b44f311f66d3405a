import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { parseManifest, serializeManifest } from "./manifest.js";

describe("manifest", () => {
  it("GIVEN owned files WHEN serialized THEN the documented format: sorted keys, 2-space indent, trailing newline", () => {
    const text = serializeManifest(new Map([["b.yaml", "shared"], ["a/x.yaml", "cluster:infra"]]));
    expect(text).toBe(
      '{\n  "generator": "k8s-gitops",\n  "version": 1,\n  "files": {\n    "a/x.yaml": "cluster:infra",\n    "b.yaml": "shared"\n  }\n}\n',
    );
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  });

  it("GIVEN no files WHEN serialized THEN files is an empty object", () => {
    expect(JSON.parse(serializeManifest(new Map()))).toEqual({ generator: "k8s-gitops", version: 1, files: {} });
  });

  test.prop([fc.dictionary(fc.stringMatching(/^[a-z0-9]{1,8}(\/[a-z0-9]{1,8}){0,2}(\.yaml)?$/), fc.constantFrom("shared", "cluster:infra"))])(
    "GIVEN any owned files in any insertion order WHEN serialized and parsed THEN they round-trip to the same text",
    (files) => {
      const entries = Object.entries(files);
      const text = serializeManifest(new Map(entries));
      expect(serializeManifest(new Map([...entries].reverse()))).toBe(text);
      expect(new Map(parseManifest(text, "m.json"))).toEqual(new Map(entries));
    },
  );

  it("GIVEN a manifest with wrong fields WHEN parsed THEN every problem names the field and the value", () => {
    const bad = JSON.stringify({ generator: "other", version: 2, files: { "/abs": "shared", "ok.yaml": 3 } });
    expect(() => parseManifest(bad, "gen/.k8s-gitops-manifest.json")).toThrow(
      /gen\/\.k8s-gitops-manifest\.json[\s\S]*generator: expected "k8s-gitops", got "other"[\s\S]*version: expected 1, got 2[\s\S]*files\["\/abs"\]: path is absolute[\s\S]*files\["ok\.yaml"\]: expected a scope string, got 3/,
    );
  });

  it("GIVEN text that is not JSON WHEN parsed THEN the error names the file", () => {
    expect(() => parseManifest("{", "gen/m.json")).toThrow(/gen\/m\.json: not valid JSON/);
  });
});
