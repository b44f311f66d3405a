import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { estate } from "@k8s-gitops/clusters";
import { repoRoot, scratchDirs } from "@k8s-gitops/core/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fastPath, stampArgs } from "./fast.js";
import { main } from "./main.js";
import { currentStamp, inputFiles, stampPath, writeStamp } from "./stamp.js";

const scratch = scratchDirs("k8s-gitops-stamp-");
afterEach(() => {
  vi.unstubAllEnvs();
  scratch.cleanup();
});

/** A consumer folder: config, an inventory, an installed k8s-gitops package and a third-party one, and an output. */
function consumer(): { dir: string; config: string; out: string; loaded: string[] } {
  const dir = scratch.withFiles({
    "k8s-gitops.config.mjs": "export default {};\n",
    "clusters/lab/inventory.yaml": "cluster: { name: lab }\n",
    "package-lock.json": "{}\n",
    "node_modules/@k8s-gitops/components/package.json": JSON.stringify({ name: "@k8s-gitops/components", version: "1.0.0" }),
    "node_modules/@k8s-gitops/components/dist/index.js": "export const a = 1;\n",
    "node_modules/@k8s-gitops/components/dist/cilium/index.js": "export const b = 1;\n",
    "node_modules/yaml/package.json": JSON.stringify({ name: "yaml", version: "2.9.1" }),
    "node_modules/yaml/dist/index.js": "module.exports = {};\n",
    "generated/.k8s-gitops-manifest.json": JSON.stringify({ files: { "a.yaml": "shared", "b/c.yaml": "cluster:lab" } }),
    "generated/a.yaml": "a: 1\n",
    "generated/b/c.yaml": "c: 1\n",
  });
  const loaded = [join(dir, "k8s-gitops.config.mjs"), join(dir, "node_modules/@k8s-gitops/components/dist/index.js"), join(dir, "node_modules/yaml/dist/index.js")];
  return { dir, config: join(dir, "k8s-gitops.config.mjs"), out: join(dir, "generated"), loaded };
}

function stamped(): ReturnType<typeof consumer> & { stampFile: string } {
  const project = consumer();
  const stampFile = join(project.dir, "stamp.json");
  writeStamp(stampFile, project.out, [], ["bundle-1"], inputFiles(project.config, project.out, project.loaded));
  expect(currentStamp(stampFile, [], ["bundle-1"])).toBeDefined();
  return { ...project, stampFile };
}

describe("the generate stamp", () => {
  it("GIVEN a run's inputs THEN they are the config folder (not the output), the lockfile, the k8s-gitops packages' files and the other packages' manifests", () => {
    const { dir, config, out, loaded } = consumer();
    const files = inputFiles(config, out, loaded).map((path) => path.slice(dir.length + 1));
    expect(files).toEqual([
      "clusters/lab/inventory.yaml",
      "k8s-gitops.config.mjs",
      "node_modules/@k8s-gitops/components/dist/cilium/index.js",
      "node_modules/@k8s-gitops/components/dist/index.js",
      "node_modules/@k8s-gitops/components/package.json",
      "node_modules/yaml/package.json",
      "package-lock.json",
    ]);
  });

  it.each([
    ["an inventory", "clusters/lab/inventory.yaml", "cluster: { name: lab2 }\n"],
    ["the config", "k8s-gitops.config.mjs", "export default { changed: true };\n"],
    ["a package's dist", "node_modules/@k8s-gitops/components/dist/cilium/index.js", "export const b = 2;\n"],
    ["a dependency's version", "node_modules/yaml/package.json", JSON.stringify({ name: "yaml", version: "2.9.2" })],
    ["the lockfile", "package-lock.json", '{"x":1}\n'],
    ["an output file", "generated/b/c.yaml", "c: 2\n"],
    ["the writer's manifest", "generated/.k8s-gitops-manifest.json", JSON.stringify({ files: { "a.yaml": "shared" } })],
  ])("GIVEN a current stamp WHEN %s changes THEN the stamp no longer answers", (_what, path, content) => {
    const { dir, stampFile } = stamped();
    writeFileSync(join(dir, path), content);
    expect(currentStamp(stampFile, [], ["bundle-1"])).toBeUndefined();
  });

  it("GIVEN a current stamp WHEN an output file is deleted, the arguments or the bundle differ, or a write was interrupted THEN the stamp no longer answers", () => {
    const { dir, stampFile } = stamped();
    expect(currentStamp(stampFile, ["--cluster=lab"], ["bundle-1"])).toBeUndefined();
    expect(currentStamp(stampFile, [], ["bundle-2"])).toBeUndefined();
    mkdirSync(join(dir, "generated/.k8s-gitops-work"));
    expect(currentStamp(stampFile, [], ["bundle-1"])).toBeUndefined();
    rmSync(join(dir, "generated/.k8s-gitops-work"), { recursive: true });
    expect(currentStamp(stampFile, [], ["bundle-1"])).toBeDefined();
    rmSync(join(dir, "generated/a.yaml"));
    expect(currentStamp(stampFile, [], ["bundle-1"])).toBeUndefined();
  });

  it("GIVEN command lines THEN only generate and check with known flags are answered, --out resolved against the working directory", () => {
    expect(stampArgs(["generate", "--cluster", "lab", "--out", "x"], "/work")).toEqual({ command: "generate", args: ["--cluster=lab", "--out=/work/x"] });
    expect(stampArgs(["check", "--config=a.ts"], "/work")).toEqual({ command: "check", config: "a.ts", args: [] });
    expect(stampArgs(["generate", "--check"], "/work")?.command).toBe("check");
    for (const argv of [["generate", "--force"], ["generate", "--debug"], ["verify"], ["generate", "--help"], ["generate", "--out"]]) expect(stampArgs(argv, "/work")).toBeUndefined();
  });
});

describe("the fast path of the reference estate", () => {
  it("GIVEN a generate that recorded a stamp WHEN run again THEN it is answered from the stamp; after an output edit neither generate nor check is answered from it", async () => {
    const cache = scratch.make();
    vi.stubEnv("XDG_CACHE_HOME", cache);
    const out = scratch.make();
    const config = join(repoRoot(), "packages/clusters/k8s-gitops.config.ts");
    const options = { preloaded: { configPath: config, exported: estate }, stamp: { loaded: () => [], extra: ["bundle-1"] } };
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await main(["generate", "--out", out], options)).toBe(0);
    } finally {
      write.mockRestore();
    }
    expect(stampPath(config).startsWith(cache)).toBe(true);
    const argv = ["generate", "--out", out, "--config", config];
    expect(fastPath(argv, process.cwd(), ["bundle-1"])).toMatch(/^generate: 0 written, \d+ unchanged, 0 removed in \d+\.\d\ds \(inputs and output unchanged/);
    expect(fastPath(argv, process.cwd(), ["bundle-2"])).toBeUndefined();
    const target = join(out, "kubernetes/clusters/apps/namespaces.yaml");
    writeFileSync(target, `${readFileSync(target, "utf8")}# edited\n`);
    expect(fastPath(argv, process.cwd(), ["bundle-1"])).toBeUndefined();
    expect(fastPath(["check", "--out", out, "--config", config], process.cwd(), ["bundle-1"])).toBeUndefined();
  });
});
