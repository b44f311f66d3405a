import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { currentManifest, ensureBundle, formatVersion, hashInputs, settingInputs } from "./bundle.mjs";
import { parseGenerateArgs } from "k8s-gitops/args";
import { estate } from "@k8s-gitops/clusters";
import { projectOf } from "k8s-gitops/config";
import { runGenerate } from "k8s-gitops/generate";
import { repoRoot } from "@k8s-gitops/core/testing";

const scratch = scratchDirs("k8s-gitops-launch-");
const tempDir = scratch.make;
afterAll(scratch.cleanup);

function tree(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [relative(dir, join(e.parentPath, e.name)), readFileSync(join(e.parentPath, e.name), "utf8")]),
  );
}

describe("bundle freshness", () => {
  it("GIVEN recorded inputs WHEN one byte of one input changes or an input disappears THEN the hash changes or is undefined", () => {
    const root = tempDir();
    writeFileSync(join(root, "a.ts"), "export const a = 1;\n");
    writeFileSync(join(root, "b.ts"), "export const b = 2;\n");
    const before = hashInputs(root, ["a.ts", "b.ts"]);
    expect(hashInputs(root, ["b.ts", "a.ts"])).toBe(before);
    writeFileSync(join(root, "a.ts"), "export const a = 2;\n");
    expect(hashInputs(root, ["a.ts", "b.ts"])).not.toBe(before);
    rmSync(join(root, "b.ts"));
    expect(hashInputs(root, ["a.ts", "b.ts"])).toBeUndefined();
  });

  it("GIVEN a manifest for a repository WHEN an input or a lockfile changes THEN the bundle is stale", () => {
    const root = tempDir();
    const outDir = join(root, "scripts", "dist");
    mkdirSync(join(root, "packages", "core", "src"), { recursive: true });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(root, "packages/core/src/x.ts"), "export const x = 1;\n");
    writeFileSync(join(root, "packages/core/package.json"), "{}\n");
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    writeFileSync(join(outDir, "generate-abc.mjs"), "");
    const inputs = ["packages/core/src/x.ts"];
    expect(settingInputs(root, inputs)).toEqual(expect.arrayContaining(["packages/core/package.json", "pnpm-lock.yaml"]));
    const hash = hashInputs(root, [...inputs, ...settingInputs(root, inputs)]);
    writeFileSync(join(outDir, "generate.manifest.json"), JSON.stringify({ version: formatVersion, hash, bundle: "generate-abc.mjs", inputs }));
    expect(currentManifest(root, outDir)?.bundle).toBe("generate-abc.mjs");
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.1'\n");
    expect(currentManifest(root, outDir)).toBeUndefined();
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    expect(currentManifest(root, outDir)).toBeDefined();
    writeFileSync(join(root, "packages/core/src/x.ts"), "export const x = 2;\n");
    expect(currentManifest(root, outDir)).toBeUndefined();
  });
});

describe("the bundled CLI", () => {
  // The bundle `pnpm generate`, check and verify run (scripts/dist): built once per change of its
  // inputs for all of them, not once more here (ensureBundle writes by rename, so a concurrent
  // build of the same inputs is harmless).
  const outDir = join(repoRoot(), "scripts", "dist");
  const bundled = async (args: string[]) => {
    const { path } = await ensureBundle({ outDir });
    return spawnSync(process.execPath, [path, ...args], { encoding: "utf8" });
  };

  it("GIVEN a fresh bundle WHEN asked again without changes THEN it is reused, not rebuilt", async () => {
    const first = await ensureBundle({ outDir });
    const second = await ensureBundle({ outDir });
    expect(second.rebuilt).toBe(false);
    expect(second.path).toBe(first.path);
  });

  it("GIVEN an empty dir, another time zone and locale and Node's pending deprecations turned on THEN it writes byte for byte what runGenerate from source writes here with nothing on stderr (no deprecated built-in such as punycode is loaded), and --check agrees", async () => {
    const fromSource = tempDir();
    const fromBundle = tempDir();
    await runGenerate(parseGenerateArgs(["--out", fromSource]), projectOf(join(repoRoot(), "packages/clusters/k8s-gitops.config.ts"), estate));
    const { path } = await ensureBundle({ outDir });
    expect(readFileSync(path, "utf8")).not.toMatch(/require\("(node:)?punycode"\)/);
    // Time zone and locale are read when a process starts, so only a child can run in other ones:
    // the output must not depend on them (no date or locale-sensitive sort or case in it).
    const elsewhere = { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" };
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone, "this process must run in another time zone than the child").not.toBe(elsewhere.TZ);
    const run = spawnSync(process.execPath, ["--pending-deprecation", path, "--out", fromBundle], { encoding: "utf8", env: { ...process.env, ...elsewhere } });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^generate: \d+ written, 0 unchanged, 0 removed in \d+\.\d\ds\n$/);
    expect(tree(fromBundle)).toEqual(tree(fromSource));
    expect((await bundled(["--out", fromBundle, "--check"])).status).toBe(0);
    writeFileSync(join(fromBundle, "kubernetes/clusters/apps/namespaces.yaml"), "changed\n");
    const check = await bundled(["--out", fromBundle, "--check"]);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain("kubernetes/clusters/apps/namespaces.yaml");
  });

  it("GIVEN bad input THEN exit codes and messages are those of the CLI from source", async () => {
    const bogus = await bundled(["--bogus"]);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/^error: Unknown option '--bogus'/);
    expect(bogus.stderr, "one message, no stack trace").not.toMatch(/\n\s+at /);
    const unknown = await bundled(["--out", tempDir(), "--cluster", "prod"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('error: --cluster "prod": no such cluster (known: infra, apps)\n');
    const debug = await bundled(["--out", tempDir(), "--cluster", "prod", "--debug"]);
    expect(debug.stderr).toMatch(/^error: UserError: --cluster "prod"/);
  });

  it("GIVEN the launcher THEN --help prints the usage and exits 0", async () => {
    await ensureBundle({ outDir });
    const run = spawnSync(process.execPath, [join(repoRoot(), "scripts/src/cli/launch.mjs"), "--help"], {
      encoding: "utf8",
      env: { ...process.env, K8S_GITOPS_BUNDLE_DIR: outDir },
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Usage: k8s-gitops generate");
  });
});
