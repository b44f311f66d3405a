import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { build, listFiles, stateDir, treeDigest } from "./tsc-build.mjs";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A package with two modules and a test file the build config leaves out. */
function scratchPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-tsc-build-"));
  dirs.push(dir);
  mkdirSync(join(dir, "src"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", type: "module" }));
  writeFileSync(
    join(dir, "tsconfig.build.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, declaration: true, sourceMap: true, rootDir: "src", outDir: "dist", types: [] }, include: ["src"], exclude: ["src/**/*.test.ts"] }),
  );
  writeFileSync(join(dir, "src", "a.ts"), 'export const a: number = 1;\n');
  writeFileSync(join(dir, "src", "b.ts"), 'import { a } from "./a.js";\nexport const b = a + 1;\n');
  writeFileSync(join(dir, "src", "b.test.ts"), "export {};\n");
  writeFileSync(join(dir, "src", "child.mjs"), "export const child = true;\n");
  return dir;
}

const quiet = { log: (_line: string) => {} };
const outputsOf = (dir: string) => Object.fromEntries(listFiles(join(dir, "dist")).map((path) => [path, readFileSync(join(dir, "dist", path), "utf8")]));

describe("tsc-build (every package's build script)", () => {
  test("GIVEN a package never built WHEN built THEN dist holds the outputs of the build config's sources and the copied file, and the digest of dist is recorded", () => {
    const dir = scratchPackage();
    const lines: string[] = [];
    expect(build(dir, { copy: ["src/child.mjs"], log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("from scratch (no earlier build)")]);
    expect(listFiles(join(dir, "dist"))).toEqual(["a.d.ts", "a.js", "a.js.map", "b.d.ts", "b.js", "b.js.map", "child.mjs"]);
    expect(readFileSync(join(stateDir(dir), "dist.sha256"), "utf8").trim()).toBe(treeDigest(join(dir, "dist")));
  });

  test("GIVEN a built package WHEN one module changes THEN the rebuild is incremental and dist equals a build from scratch", () => {
    const dir = scratchPackage();
    build(dir, quiet);
    writeFileSync(join(dir, "src", "a.ts"), "// changed\nexport const a: number = 2;\n");
    const lines: string[] = [];
    expect(build(dir, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([]);
    const incremental = outputsOf(dir);
    expect(incremental["a.js"]).toContain("export const a = 2;");
    rmSync(join(dir, "dist"), { recursive: true });
    build(dir, quiet);
    expect(outputsOf(dir)).toEqual(incremental);
  });

  test("GIVEN a module deleted since the last build WHEN rebuilt THEN its outputs leave dist", () => {
    const dir = scratchPackage();
    build(dir, quiet);
    writeFileSync(join(dir, "src", "b.ts"), "export const b = 2;\n");
    rmSync(join(dir, "src", "a.ts"));
    expect(build(dir, quiet)).toBe(0);
    expect(listFiles(join(dir, "dist"))).toEqual(["b.d.ts", "b.js", "b.js.map"]);
  });

  test("GIVEN dist changed behind the build's back (a turbo restore, an edit) WHEN rebuilt THEN it is rebuilt from scratch, not trusted", () => {
    const dir = scratchPackage();
    build(dir, quiet);
    const clean = outputsOf(dir);
    writeFileSync(join(dir, "dist", "a.js"), "export const a = 'stale';\n");
    const lines: string[] = [];
    expect(build(dir, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("from scratch (dist/ is not what the last build wrote)")]);
    expect(outputsOf(dir)).toEqual(clean);
  });

  test("GIVEN a type error WHEN built THEN the exit code is tsc's, and the next build after the fix starts from scratch", () => {
    const dir = scratchPackage();
    build(dir, quiet);
    writeFileSync(join(dir, "src", "a.ts"), 'export const a: number = "one";\n');
    expect(build(dir, quiet)).not.toBe(0);
    writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 3;\n");
    const lines: string[] = [];
    expect(build(dir, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("from scratch (no earlier build)")]);
    expect(outputsOf(dir)["a.js"]).toContain("export const a = 3;");
  });
});
