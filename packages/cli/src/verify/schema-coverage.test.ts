import { upstreamFiles } from "@k8s-gitops/core/schemas";
import { describe, expect, it } from "vitest";
import { checkSchemaCoverage } from "./schema-coverage.js";

describe("checkSchemaCoverage", () => {
  it("GIVEN schema files that schemas:fetch downloads THEN nothing is reported", () => {
    const used = upstreamFiles.filter((f) => f.set === "talos" || f.path.endsWith("helmrelease_v2.json")).map((f) => f.path);
    expect(used.length).toBeGreaterThan(1);
    expect(checkSchemaCoverage(used)).toEqual([]);
  });

  it("GIVEN a schema file only the shared folder has THEN it is named, once", () => {
    const path = "crds-catalog/example.com/widget_v1.json";
    expect(checkSchemaCoverage([path, path, "talos/v1.13.9/config.schema.json"])).toEqual([
      {
        check: "schema-coverage",
        file: path,
        message: "is used by verify but `k8s-gitops fetch schemas` does not download it; add it to packages/core/src/schemas/upstream.ts",
      },
    ]);
  });
});
