import { readFileSync } from "node:fs";
import { join } from "node:path";
import fg from "fast-glob";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findRepoRoot, hasSchemaFiles, schemasDirEnv } from "../schemas/index.js";
import { scratchDirs } from "./scratch.js";
import { requireSharedData } from "./shared-data.js";

const scratch = scratchDirs("k8s-gitops-shared-data-");
afterEach(() => {
  vi.unstubAllEnvs();
  scratch.cleanup();
});

describe("requireSharedData", () => {
  it("GIVEN the schemas are present THEN it returns their root", () => {
    expect(hasSchemaFiles(requireSharedData("schemas"))).toBe(true);
  });

  it("GIVEN K8S_GITOPS_SCHEMAS_DIR points at a folder without schemas THEN it throws naming the missing data and the fix", () => {
    vi.stubEnv(schemasDirEnv, scratch.make());
    expect(() => requireSharedData("schemas")).toThrow(/reads the upstream schemas, which are missing \(run `k8s-gitops fetch schemas`/);
  });

  it("GIVEN the chart archives are present THEN it returns their folder", () => {
    expect(fg.sync("*/*.tgz", { cwd: requireSharedData("charts") }).length).toBeGreaterThan(0);
  });

  it("GIVEN every test file of the workspace THEN none skips because shared data is missing (it must fail instead)", () => {
    const root = findRepoRoot(import.meta.dirname) ?? "";
    const files = fg.sync(["packages/*/src/**/*.test.ts", "scripts/src/**/*.test.ts"], { cwd: root });
    expect(files.length).toBeGreaterThan(100);
    const skips = files.flatMap((file) =>
      [...readFileSync(join(root, file), "utf8").matchAll(/\.(?:skipIf|runIf)\(([^)]*)/g)]
        .filter((match) => /schema|shared|chart/i.test(match[1] ?? ""))
        .map((match) => `${file}: ${match[0]}`),
    );
    expect(skips).toEqual([]);
  });
});
