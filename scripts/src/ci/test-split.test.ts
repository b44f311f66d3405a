import { readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { selfContainedTests as cliSelfContained } from "../../../packages/cli/src/test-split.js";
import { bundleImports } from "./test-cache/cache.js";
import { selfContainedTests } from "./test-split.js";

const scriptsDir = resolve(import.meta.dirname, "..", "..");
const workspaceDir = resolve(scriptsDir, "..");

/** The workspace files a test file imports, directly or through other modules, resolved as vitest does (`source` condition). */
async function workspaceImports(testFile: string, packageDir = scriptsDir): Promise<string[]> {
  const result = await bundleImports([join(packageDir, testFile)], workspaceDir);
  return Object.keys(result.metafile.inputs).map((path) => relative(workspaceDir, resolve(workspaceDir, path)));
}

const testFiles = (dir: string, packageDir = scriptsDir): string[] =>
  readdirSync(join(packageDir, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? testFiles(join(dir, entry.name), packageDir) : entry.name.endsWith(".test.ts") ? [join(dir, entry.name)] : [],
  );

const cliDir = resolve(workspaceDir, "packages", "cli");

describe("scripts' self-contained tests (turbo task test, inputs: scripts and core)", () => {
  it("GIVEN the list THEN every entry is an existing test file, listed once", () => {
    const existing = new Set(testFiles("src"));
    expect(selfContainedTests.filter((file) => !existing.has(file))).toEqual([]);
    expect(new Set(selfContainedTests).size).toBe(selfContainedTests.length);
  });

  it("GIVEN each listed test file THEN everything it imports is in scripts or core, and nothing resolves the repository's paths (cli/repo.ts)", async () => {
    const outside: string[] = [];
    for (const file of selfContainedTests) {
      for (const path of await workspaceImports(file)) {
        const inside = (path.startsWith("scripts/src/") || path.startsWith("packages/core/src/") || path === "packages/cli/src/test-split.ts") && path !== "scripts/src/cli/repo.ts";
        if (!inside) outside.push(`${file} imports ${path}`);
      }
    }
    expect(outside).toEqual([]);
  });

});

describe("the CLI's self-contained tests (turbo task k8s-gitops#test, inputs: the CLI and core)", () => {
  it("GIVEN the list THEN every entry is an existing test file, listed once", () => {
    const existing = new Set(testFiles("src", cliDir));
    expect(cliSelfContained.filter((file) => !existing.has(file))).toEqual([]);
    expect(new Set(cliSelfContained).size).toBe(cliSelfContained.length);
  });

  it("GIVEN each listed test file THEN everything it imports is in the CLI or core", async () => {
    const outside: string[] = [];
    for (const file of cliSelfContained) {
      for (const path of await workspaceImports(file, cliDir)) {
        if (!path.startsWith("packages/cli/src/") && !path.startsWith("packages/core/src/")) outside.push(`${file} imports ${path}`);
      }
    }
    expect(outside).toEqual([]);
  });

  it("GIVEN a test file that imports a component THEN the check names it (the check can fail)", async () => {
    const imports = await workspaceImports("src/verify/network-flows.test.ts", cliDir);
    expect(imports.some((path) => path.startsWith("packages/components/src/"))).toBe(true);
  });
});
