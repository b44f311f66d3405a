import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { typecheck } from "./tsc-check.mjs";
import { dependenciesBuiltFresh, stateDir, tscInputsDigest, workspaceDependencies } from "./tsc-inputs.mjs";

/** The tests are about the wrapper, not the standard library: no DOM, lib files not checked (0.6 s a tsc run, not 1.9 s). */
const lean = { lib: ["ES2022"], skipLibCheck: true };

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A workspace: `app` depends on `lib` (workspace:*), `lib` on `base`; `other` is unrelated. */
function workspace(): { root: string; write: (path: string, content: string) => void } {
  const root = mkdtempSync(join(tmpdir(), "k8s-gitops-tsc-inputs-"));
  dirs.push(root);
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
  write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
  write("tsconfig.base.json", "{}\n");
  write("packages/base/package.json", JSON.stringify({ name: "@w/base" }));
  write("packages/lib/package.json", JSON.stringify({ name: "@w/lib", dependencies: { "@w/base": "workspace:*" } }));
  write("packages/app/package.json", JSON.stringify({ name: "@w/app", devDependencies: { "@w/lib": "workspace:*", yaml: "2.9.1" } }));
  write("packages/other/package.json", JSON.stringify({ name: "@w/other" }));
  write("packages/lib/src/index.ts", "export const lib = (): number => 1;\n");
  write("packages/lib/dist/index.d.ts", "export declare const lib: () => number;\n");
  write("packages/lib/src/index.test.ts", "export {};\n");
  write("packages/lib/src/testing/helper.ts", "export const helper = 1;\n");
  write("packages/app/src/index.ts", 'import { lib } from "@w/lib";\nexport const app: number = lib();\n');
  return { root, write };
}

describe("tsc-inputs: what a package's tsc run sees", () => {
  test("GIVEN workspace: dependencies THEN they are followed through each other, and npm packages and unrelated packages are not", () => {
    const { root } = workspace();
    expect(workspaceDependencies(join(root, "packages/app"))).toEqual([join(root, "packages/base"), join(root, "packages/lib")]);
    expect(workspaceDependencies(join(root, "packages/other"))).toEqual([]);
  });

  test("GIVEN a dependency WHEN its declarations or a source its build leaves out change THEN the digest changes; WHEN only an emitted module's body or a test changes THEN it does not", () => {
    const { root, write } = workspace();
    const app = join(root, "packages/app");
    const before = tscInputsDigest(app);
    write("packages/lib/src/index.ts", "// a comment\nexport const lib = (): number => 2;\n");
    write("packages/lib/src/index.test.ts", "export const more = 1;\n");
    expect(tscInputsDigest(app)).toBe(before);
    write("packages/lib/dist/index.d.ts", "export declare const lib: () => string;\n");
    const afterDeclarations = tscInputsDigest(app);
    expect(afterDeclarations).not.toBe(before);
    write("packages/lib/src/testing/helper.ts", "export const helper = 2;\n");
    expect(tscInputsDigest(app)).not.toBe(afterDeclarations);
    write("packages/app/src/index.ts", "export const app = 3;\n");
    write("pnpm-lock.yaml", "lockfileVersion: '9.0'\n# changed\n");
    expect(new Set([before, afterDeclarations, tscInputsDigest(app)]).size).toBe(3);
  });

  test("GIVEN a dependency whose recorded build inputs are not its current ones (edited since, never built) THEN the dependencies are not fresh", () => {
    const { root, write } = workspace();
    const app = join(root, "packages/app");
    expect(dependenciesBuiltFresh(app)).toBe(false);
    for (const name of ["base", "lib"]) write(`packages/${name}/node_modules/.cache/tsc/build.inputs`, `${tscInputsDigest(join(root, "packages", name))}\n`);
    expect(dependenciesBuiltFresh(app)).toBe(true);
    write("packages/lib/src/index.ts", "export const lib = (): number => 3;\n");
    expect(dependenciesBuiltFresh(app)).toBe(false);
  });

  test("GIVEN a package that passed its check WHEN nothing it sees changed THEN tsc-check skips tsc; WHEN its own file changes THEN tsc runs and a type error fails it", () => {
    const { root, write } = workspace();
    const pkg = join(root, "packages/other");
    write("packages/other/tsconfig.json", JSON.stringify({ compilerOptions: { ...lean, strict: true, module: "NodeNext", moduleResolution: "NodeNext", types: [] }, include: ["src"] }));
    write("packages/other/src/index.ts", "export const other: number = 1;\n");
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    expect(typecheck(pkg, { log })).toBe(0);
    expect(lines).toEqual([]);
    expect(typecheck(pkg, { log })).toBe(0);
    expect(lines).toEqual([expect.stringContaining("is up to date")]);
    write("packages/other/src/index.ts", 'export const other: number = "one";\n');
    expect(typecheck(pkg, { log })).not.toBe(0);
    expect(lines).toHaveLength(1);
    expect(typecheck(pkg, { log })).not.toBe(0);
    expect(stateDir(pkg)).toBe(join(pkg, "node_modules", ".cache", "tsc"));
  });

  test("GIVEN a dependency whose `source` export has a type error its declarations hide WHEN a dependent is checked THEN tsc reads the dist declarations: the check passes, and fails once the declarations change", () => {
    const { root, write } = workspace();
    const app = join(root, "packages/app");
    write(
      "packages/lib/package.json",
      JSON.stringify({ name: "@w/lib", type: "module", exports: { ".": { source: "./src/index.ts", types: "./dist/index.d.ts", default: "./dist/index.js" } } }),
    );
    write("packages/lib/src/index.ts", 'export const lib = (): number => {\n  const unused: number = "not a number";\n  return 1;\n};\n');
    mkdirSync(join(app, "node_modules", "@w"), { recursive: true });
    symlinkSync(join(root, "packages/lib"), join(app, "node_modules", "@w", "lib"), "dir");
    write("packages/app/package.json", JSON.stringify({ name: "@w/app", type: "module", dependencies: { "@w/lib": "workspace:*" } }));
    write("packages/app/tsconfig.json", JSON.stringify({ compilerOptions: { ...lean, strict: true, module: "NodeNext", moduleResolution: "NodeNext", customConditions: ["source"], types: [] }, include: ["src"] }));
    expect(typecheck(app, { log: () => {} })).toBe(0);
    write("packages/lib/dist/index.d.ts", "export declare const lib: () => string;\n");
    expect(typecheck(app, { log: () => {} })).not.toBe(0);
  });
});
