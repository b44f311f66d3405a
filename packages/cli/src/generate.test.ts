import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { MANIFEST_FILE, parseInventories, readInventoryFiles, UserError, WORK_DIR } from "@k8s-gitops/core";
import { estate, inventoryPaths, loadInventories } from "@k8s-gitops/clusters";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { parseGenerateArgs } from "./args.js";
import { projectOf, type Project } from "./config.js";
import { runGenerate } from "./generate.js";
import { repoRoot } from "@k8s-gitops/core/testing";

const scratch = scratchDirs("k8s-gitops-cli-");
const tempDir = scratch.make;
afterEach(scratch.cleanup);

// Rendering the estate takes seconds; it is rendered once into an empty folder (what the first
// test asserts about that run) and every test that needs a generated tree works on a copy.
const once = scratchDirs("k8s-gitops-cli-once-");
afterAll(once.cleanup);
let pristine: string;
let firstRun: Awaited<ReturnType<typeof runGenerate>>;
beforeAll(async () => {
  pristine = once.make();
  firstRun = await generate(pristine);
});
/** A fresh folder holding a copy of the tree a default generate wrote into an empty folder. */
const generatedCopy = (): string => {
  const out = tempDir();
  cpSync(pristine, out, { recursive: true });
  return out;
};

/** Every file below dir with its content and mtime. */
function snapshot(dir: string): Map<string, { content: string; mtime: number }> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(
    files.map((e) => {
      const path = join(e.parentPath, e.name);
      return [relative(dir, path), { content: readFileSync(path, "utf8"), mtime: statSync(path).mtimeMs }];
    }),
  );
}

/** This repository's estate, as the CLI loads it from packages/clusters/k8s-gitops.config.ts. */
const reference: Project = projectOf(join(repoRoot(), "packages/clusters/k8s-gitops.config.ts"), estate);
/** The reference estate with other inventories. */
const withInventories = (load: Project["loadInventories"]): Project => ({ ...reference, loadInventories: load });
const generate = (out: string, extra: string[] = []) => runGenerate(parseGenerateArgs(["--out", out, ...extra]), reference);

/** Every Flux Kustomization `spec.path` and FluxInstance `sync.path` of a generated tree. */
const fluxPaths = (files: ReadonlyMap<string, { content: string }>): string[] =>
  [...files]
    .filter(([path]) => path.endsWith("/ks.yaml") || path.endsWith("/flux-instance.yaml") || path.endsWith("/flux-instance/app/helmrelease.yaml"))
    .flatMap(([, { content }]) => [...content.matchAll(/^\s+path: (\.\/\S*)$/gm)].map((m) => m[1]!));

describe("k8s-gitops generate", () => {
  it("GIVEN an empty output dir WHEN generating twice THEN the second run writes nothing and touches no mtime", async () => {
    expect(firstRun.output).toMatch(/^generate: \d+ written, 0 unchanged, 0 removed in \d+\.\d\ds$/);
    const out = generatedCopy();
    for (const file of readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
      utimesSync(join(file.parentPath, file.name), new Date(2001, 0, 1), new Date(2001, 0, 1));
    }
    const before = snapshot(out);
    const second = await generate(out);
    expect(second.output).toMatch(/^generate: 0 written, \d+ unchanged, 0 removed/);
    expect(snapshot(out)).toEqual(before);
  });

  it("GIVEN a generated tree WHEN one byte changes or an owned file is deleted THEN --check exits 1 with a readable diff", async () => {
    const out = generatedCopy();
    expect((await generate(out, ["--check"])).exitCode).toBe(0);

    const target = join(out, "kubernetes/infrastructure/infra/security/cert-manager/app/helmrelease.yaml");
    const original = readFileSync(target, "utf8");
    writeFileSync(target, original.replace("replicaCount: 2", "replicaCount: 3"));
    const changed = await generate(out, ["--check"]);
    expect(changed.exitCode).toBe(1);
    expect(changed.output).toContain("kubernetes/infrastructure/infra/security/cert-manager/app/helmrelease.yaml");
    expect(changed.output).toMatch(/HelmRelease .*cert-manager/);
    expect(changed.output).toMatch(/spec\.values\.cainjector\.replicaCount: 3 -> 2/);

    writeFileSync(target, original);
    unlinkSync(join(out, "kubernetes/clusters/apps/namespaces.yaml"));
    const deleted = await generate(out, ["--check"]);
    expect(deleted.exitCode).toBe(1);
    expect(deleted.output).toContain("kubernetes/clusters/apps/namespaces.yaml");
  });

  it("GIVEN --cluster infra THEN only infra's and shared files are written and apps' files are never pruned", async () => {
    const out = generatedCopy();
    const before = snapshot(out);
    unlinkSync(join(out, "kubernetes/clusters/infra/namespaces.yaml"));
    unlinkSync(join(out, "kubernetes/clusters/apps/namespaces.yaml"));
    const result = await generate(out, ["--cluster", "infra"]);
    expect(result.output).toMatch(/^generate: 1 written/);
    const after = snapshot(out);
    expect(after.has("kubernetes/clusters/infra/namespaces.yaml")).toBe(true);
    expect(after.has("kubernetes/clusters/apps/namespaces.yaml")).toBe(false);
    expect([...after.keys()].filter((p) => p.includes("/apps/")).length).toBe([...before.keys()].filter((p) => p.includes("/apps/")).length - 1);
  });

  it("GIVEN an unknown --cluster THEN the error names it and the known clusters", async () => {
    await expect(generate(tempDir(), ["--cluster", "prod"])).rejects.toThrow('--cluster "prod": no such cluster (known: infra, apps)');
  });

  it("GIVEN --git-path \"\" THEN every Flux path is at the repository root and the validation workflow is written where GitHub runs it", async () => {
    const out = tempDir();
    await generate(out, ["--git-path", ""]);
    const files = snapshot(out);
    expect(files.has(".github/workflows/validate.yaml")).toBe(true);
    const paths = fluxPaths(files);
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) expect(path).toMatch(/^\.\/kubernetes\//);
  });

  it("GIVEN the default --git-path generated THEN every Flux path starts with it and no workflow is written inside the output", () => {
    const files = snapshot(pristine);
    expect([...files.keys()].filter((path) => path.startsWith(".github"))).toEqual([]);
    const paths = fluxPaths(files);
    expect(paths.length).toBeGreaterThan(50);
    for (const path of paths) expect(path).toMatch(/^\.\/generated\/kubernetes\//);
  });

  it("GIVEN a --git-path leaving the repository THEN nothing is written and the error names the flag and the value", async () => {
    const out = tempDir();
    await expect(async () => generate(out, ["--git-path", "../elsewhere"])).rejects.toThrow(
      '--git-path: gitPath "../elsewhere": must be a folder inside the Git repository, relative to its root ("" for the root itself)',
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it("GIVEN an invalid inventory THEN generation fails with the file, field and value and the output is byte-for-byte unchanged", async () => {
    const out = generatedCopy();
    const before = snapshot(out);
    const sources = await readInventoryFiles(inventoryPaths);
    const broken = sources.map((s, i) => (i === 0 ? { path: "packages/clusters/infra/inventory.yaml", text: s.text.replace("10.25.11.12/24", "10.25.11.300/24") } : s));
    const failing = runGenerate(parseGenerateArgs(["--out", out]), withInventories(async () => parseInventories(broken)));
    await expect(failing).rejects.toThrow(UserError);
    await expect(runGenerate(parseGenerateArgs(["--out", out]), withInventories(async () => parseInventories(broken)))).rejects.toThrow(
      /packages\/clusters\/infra\/inventory\.yaml:\d+:\d+: .*"10\.25\.11\.300\/24"/,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it("GIVEN a hand-written file at a generated path THEN generate refuses and names --adopt; with --adopt it takes it over", async () => {
    const out = tempDir();
    const path = "kubernetes/clusters/apps/namespaces.yaml";
    mkdirSync(join(out, "kubernetes/clusters/apps"), { recursive: true });
    writeFileSync(join(out, path), "hand-written\n");

    await expect(generate(out)).rejects.toThrow(/"kubernetes\/clusters\/apps\/namespaces\.yaml".*refusing to overwrite it.*--adopt/s);
    expect(readFileSync(join(out, path), "utf8")).toBe("hand-written\n");

    await generate(out, ["--adopt"]);
    expect(readFileSync(join(out, path), "utf8")).not.toBe("hand-written\n");
    expect(JSON.parse(readFileSync(join(out, MANIFEST_FILE), "utf8")).files[path]).toBe("cluster:apps");
  });

  it("GIVEN a committed journal of an interrupted write AND an invalid inventory THEN generate finishes the write, then fails on the inventory", async () => {
    const out = generatedCopy();
    mkdirSync(join(out, WORK_DIR, "staging"), { recursive: true });
    writeFileSync(join(out, WORK_DIR, "staging", "interrupted.txt"), "decided by an earlier run\n");
    writeFileSync(join(out, WORK_DIR, "journal.json"), JSON.stringify({ version: 1, renames: ["interrupted.txt"], deletions: [], manifest: null }));
    const invalid = async () => parseInventories([{ path: "inventory.yaml", text: "cluster: 1\n" }]);

    await expect(runGenerate(parseGenerateArgs(["--out", out]), withInventories(invalid))).rejects.toThrow(/inventory\.yaml:1:10/);

    expect(readFileSync(join(out, "interrupted.txt"), "utf8")).toBe("decided by an earlier run\n");
    expect(existsSync(join(out, WORK_DIR))).toBe(false);
  });

  it("GIVEN a committed journal AND an invalid inventory WHEN checking THEN the error also says a write is pending", async () => {
    const out = tempDir();
    mkdirSync(join(out, WORK_DIR), { recursive: true });
    writeFileSync(join(out, WORK_DIR, "journal.json"), JSON.stringify({ version: 1, renames: [], deletions: [], manifest: null }));
    const invalid = async () => parseInventories([{ path: "inventory.yaml", text: "cluster: 1\n" }]);

    await expect(runGenerate(parseGenerateArgs(["--out", out, "--check"]), withInventories(invalid))).rejects.toThrow(
      /inventory\.yaml:1:10.*\nnote: a write into .* was interrupted after its commit point; `k8s-gitops generate` finishes it/s,
    );
    expect(existsSync(join(out, WORK_DIR, "journal.json"))).toBe(true);
  });

  it("GIVEN generated/docs is a link to a folder outside WHEN generating or checking THEN both refuse and nothing there changes", async () => {
    const out = tempDir();
    const outside = scratch.withFiles({ "index.md": "outside\n" });
    symlinkSync(outside, join(out, "docs"));
    const before = snapshot(outside);

    await expect(generate(out)).rejects.toThrow(/"docs" is a symbolic link to/);
    await expect(generate(out, ["--check"])).rejects.toThrow(/"docs" is a symbolic link to/);

    expect(snapshot(outside)).toEqual(before);
    expect(readdirSync(out)).toEqual(["docs"]);
  });

  it("GIVEN an inventory whose Flux source is a real repository but which keeps example domains THEN generation refuses with cluster, field and value and writes nothing", async () => {
    const out = generatedCopy();
    const before = snapshot(out);
    const sources = await readInventoryFiles(inventoryPaths);
    const real = sources.map((s) => ({ ...s, text: s.text.replaceAll("github.com/example/k8s-gitops", "github.com/acme/platform") }));
    expect(real.some((s, i) => s.text !== sources[i]!.text), "the reference inventories name the example repository").toBe(true);
    const failing = runGenerate(parseGenerateArgs(["--out", out]), withInventories(async () => parseInventories(real)));
    await expect(failing).rejects.toThrow(/cluster infra: cluster\.domains\.external is still the example value "example\.net"/);
    expect(snapshot(out)).toEqual(before);
  });

  // Time zones and locales: the bundled CLI runs in another one than the test and writes byte for
  // byte what runGenerate from source writes, in scripts/src/cli/launch.test.ts.
  // A bad flag (one message, exit 2, no stack trace) is checked on the bundled CLI in
  // scripts/src/cli/launch.test.ts ("GIVEN bad input ...").
});

it("loads the real inventories", async () => {
  expect((await loadInventories()).map((i) => i.cluster.name)).toEqual(["infra", "apps"]);
});
