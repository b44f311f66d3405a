import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CrdAwareValidator, type ObjectValidator } from "./crd-schemas.js";
import { OriginIndex } from "./origins.js";
import { SchemaChecker, schemaRootFingerprint } from "./schemas.js";

const doc = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, dataa: {} };

/** A schema root with one schema file, an upstream validator over it counting its validations, and a cache folder. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), "k8s-gitops-verdicts-"));
  const schemaRoot = join(root, "schemas");
  const cacheDir = join(root, "cache");
  const validations: unknown[] = [];
  const upstream: ObjectValidator = {
    schemaSource: (apiVersion, kind) => (apiVersion === "v1" && kind === "ConfigMap" ? "configmap-v1.json" : undefined),
    validate: (value) => {
      validations.push(value);
      return [{ path: "", message: `rejected by schema ${validations.length}` }];
    },
  };
  const writeSchema = (text: string): void => {
    mkdirSync(schemaRoot, { recursive: true });
    writeFileSync(join(schemaRoot, "configmap-v1.json"), text);
  };
  /** One verify's schema check of the document; its problem messages and how many verdicts came from the cache. */
  const check = (): { messages: string[]; cached: number } => {
    const checker = new SchemaChecker({
      validator: new CrdAwareValidator(upstream, schemaRoot),
      allowList: [],
      origins: new OriginIndex([{ path: "c.yaml", content: "" }]),
      verdictCache: { dir: cacheDir, schemaRootFingerprint: schemaRootFingerprint(schemaRoot) },
    });
    checker.addFile("c.yaml", [doc]);
    const messages = checker.result().problems.map((p) => p.message);
    return { messages, cached: checker.cachedVerdicts };
  };
  return { validations, writeSchema, check, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

describe("SchemaChecker verdict cache", () => {
  it("GIVEN a document checked before with the same schema file THEN its verdict comes from the cache, not the validator", () => {
    const { validations, writeSchema, check, cleanup } = setup();
    try {
      writeSchema('{"type":"object"}');
      const first = check();
      const again = check();
      expect({ first, again, validations: validations.length }).toEqual({
        first: { messages: ["ConfigMap c: (root): rejected by schema 1"], cached: 0 },
        again: { messages: ["ConfigMap c: (root): rejected by schema 1"], cached: 1 },
        validations: 1,
      });
    } finally {
      cleanup();
    }
  });

  it("GIVEN one byte of the schema file changed THEN the cached verdict is not reused", () => {
    const { validations, writeSchema, check, cleanup } = setup();
    try {
      writeSchema('{"type":"object"}');
      check();
      writeSchema('{"type":"objecT"}');
      expect(check()).toEqual({ messages: ["ConfigMap c: (root): rejected by schema 2"], cached: 0 });
      expect(validations).toHaveLength(2);
    } finally {
      cleanup();
    }
  });
});
