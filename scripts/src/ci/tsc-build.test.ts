import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { build, listFiles, stateDir, treeDigest } from "./tsc-build.mjs";
import { typecheck } from "./tsc-check.mjs";

// Each tsc run costs about a second, so the package is built once and each test starts from a copy
// of that build (dist/ and the build state in node_modules/.cache/tsc, whose paths are relative).
const work = mkdtempSync(join(tmpdir(), "k8s-gitops-tsc-build-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const template = join(work, "template");
let firstBuild: { code: number; lines: string[] };

/**
 * What these tests are about is the wrapper, not the standard library: without DOM and without
 * checking lib files each tsc run takes 0.6 s instead of 1.9 s.
 */
const lean = { lib: ["ES2022"], skipLibCheck: true };

/** A package with two modules, a test file the build config leaves out (tsconfig.json has it) and a file to copy. */
function writePackage(dir: string): void {
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch", type: "module" }));
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { ...lean, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, declaration: true, sourceMap: true, rootDir: "src", outDir: "dist", types: [] },
      include: ["src"],
    }),
  );
  writeFileSync(join(dir, "tsconfig.build.json"), JSON.stringify({ extends: "./tsconfig.json", exclude: ["src/**/*.test.ts"] }));
  writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 1;\n");
  writeFileSync(join(dir, "src", "b.ts"), 'import { a } from "./a.js";\nexport const b = a + 1;\n');
  writeFileSync(join(dir, "src", "b.test.ts"), "export {};\n");
  writeFileSync(join(dir, "src", "child.mjs"), "export const child = true;\n");
}

beforeAll(() => {
  writePackage(template);
  const lines: string[] = [];
  firstBuild = { code: build(template, { copy: ["src/child.mjs"], log: (line) => lines.push(line) }), lines };
});

let copies = 0;
/** A copy of the built package. */
function builtPackage(): string {
  const dir = join(work, `copy-${copies++}`);
  cpSync(template, dir, { recursive: true });
  return dir;
}

const quiet = { log: (_line: string) => {} };
const outputsOf = (dir: string) => Object.fromEntries(listFiles(join(dir, "dist")).map((path) => [path, readFileSync(join(dir, "dist", path), "utf8")]));

describe("tsc-build (every package's build script)", () => {
  test("GIVEN a package never built WHEN built THEN dist holds the outputs of the build config's sources and the copied file, and the digest of dist is recorded", () => {
    expect(firstBuild).toEqual({ code: 0, lines: [expect.stringContaining("from scratch (no earlier build)")] });
    expect(listFiles(join(template, "dist"))).toEqual(["a.d.ts", "a.js", "a.js.map", "b.d.ts", "b.js", "b.js.map", "child.mjs"]);
    expect(readFileSync(join(stateDir(template), "dist.sha256"), "utf8").trim()).toBe(treeDigest(join(template, "dist")));
  });

  test("GIVEN a built package WHEN one module changes THEN the rebuild is incremental and re-emits it, the rest as before", () => {
    const dir = builtPackage();
    const before = outputsOf(dir);
    writeFileSync(join(dir, "src", "a.ts"), "// changed\nexport const a: number = 2;\n");
    const lines: string[] = [];
    expect(build(dir, { copy: ["src/child.mjs"], log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([]);
    const after = outputsOf(dir);
    expect(after["a.js"]).toContain("export const a = 2;");
    expect({ ...after, "a.js": "", "a.js.map": "" }).toEqual({ ...before, "a.js": "", "a.js.map": "" });
  });

  test("GIVEN a module deleted since the last build WHEN rebuilt THEN its outputs leave dist", () => {
    const dir = builtPackage();
    writeFileSync(join(dir, "src", "b.ts"), "export const b = 2;\n");
    rmSync(join(dir, "src", "a.ts"));
    expect(build(dir, quiet)).toBe(0);
    expect(listFiles(join(dir, "dist"))).toEqual(["b.d.ts", "b.js", "b.js.map"]);
  });

  test("GIVEN dist changed behind the build's back (a turbo restore, an edit) WHEN rebuilt THEN it is rebuilt from scratch, not trusted", () => {
    const dir = builtPackage();
    const clean = outputsOf(dir);
    writeFileSync(join(dir, "dist", "a.js"), "export const a = 'stale';\n");
    const lines: string[] = [];
    expect(build(dir, { copy: ["src/child.mjs"], log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("from scratch (dist/ is not what the last build wrote)")]);
    expect(outputsOf(dir)).toEqual(clean);
  });

  test("GIVEN a type error WHEN built THEN the exit code is tsc's, and the next build after the fix starts from scratch", () => {
    const dir = builtPackage();
    writeFileSync(join(dir, "src", "a.ts"), 'export const a: number = "one";\n');
    expect(build(dir, quiet)).not.toBe(0);
    writeFileSync(join(dir, "src", "a.ts"), "export const a: number = 3;\n");
    const lines: string[] = [];
    expect(build(dir, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("from scratch (no earlier build)")]);
    expect(outputsOf(dir)["a.js"]).toContain("export const a = 3;");
  });

  test("GIVEN a type error in a test file WHEN built THEN the build fails (it checks the tests); WHEN fixed THEN dist holds no test output and typecheck answers up to date without running tsc", () => {
    const dir = builtPackage();
    writeFileSync(join(dir, "src", "b.test.ts"), 'import { b } from "./b.js";\nexport const wrong: string = b;\n');
    expect(build(dir, quiet)).not.toBe(0);
    expect(typecheck(dir, quiet)).not.toBe(0);
    writeFileSync(join(dir, "src", "b.test.ts"), 'import { b } from "./b.js";\nexport const right: number = b;\n');
    expect(build(dir, quiet)).toBe(0);
    expect(listFiles(join(dir, "dist")).filter((path) => path.includes(".test."))).toEqual([]);
    const lines: string[] = [];
    expect(typecheck(dir, { log: (line) => lines.push(line) })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("is up to date")]);
  });
});
