// The "done when": another company's engineer installs the packed packages into an empty
// folder outside the workspace, runs `k8s-gitops init` for a one-cluster estate, then `generate`
// and `verify` (both pass) and, after a one-line change of the config, `check` (exit 1). They
// write no code beyond the config file init produced.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { repoRoot, requireSharedData } from "@k8s-gitops/core/testing";
import { resolveHelm } from "k8s-gitops/verify/helm-tool";
import { packPublicPackagesOnce, type PackedPackages } from "./pack.js";
import { run, type RunResult } from "./run.js";
import { installScratch, workspaceStoreDir, scratchEnv, scratchManifest, writeFiles } from "./scratch.js";

// Packing, installing, rendering and verifying (helm template of every release) take minutes.
const slow = 600_000;

const root = repoRoot();
const work = mkdtempSync(join(tmpdir(), "k8s-gitops-estate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const project = join(work, "lab");

/** An age recipient that is not this repository's: the consumer's .sops.yaml must name exactly it. */
const theirKey = `age1${"qpzry9x8gf2tvdw0s3jn54khce6mua7l".repeat(2).slice(0, 58)}`;

/**
 * A Node that strips types (22.18+ / 24), which a `.ts` config needs: this one, or the Node 22 that
 * `.ci/run` installs where the machine's Node is older.
 */
function nodeWithTypeStripping(): string {
  if ((process.features as { typescript?: unknown }).typescript) return process.execPath;
  const cache = join(process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache"), "k8s-gitops");
  const candidates = existsSync(cache) ? readdirSync(cache).filter((name) => /^node-2[2-9]\./.test(name)) : [];
  for (const name of candidates.sort().reverse()) {
    const node = join(cache, name, "node_modules", ".bin", "node");
    if (existsSync(node)) return node;
  }
  throw new Error(`this test needs Node 22.18+ or 24 (type stripping); this is ${process.version} and ${cache} holds no node-22.x (run .ci/run once)`);
}

let env: NodeJS.ProcessEnv;
/** `k8s-gitops ARGS` in the consumer project through the installed bin, as `npx k8s-gitops` runs it. */
const cli = (...args: string[]): Promise<RunResult> => run(join(project, "node_modules", ".bin", "k8s-gitops"), args, { cwd: project, env });

let packed: PackedPackages;

beforeAll(async () => {
  expect(findRepoRoot(tmpdir()), "the consumer folder must not sit inside a pnpm workspace").toBeUndefined();
  // Packing does not need helm: both run side by side (each is mostly waiting on child processes).
  const [helm, packedNow] = await Promise.all([resolveHelm(), packPublicPackagesOnce(root)]);
  packed = packedNow;
  const node = nodeWithTypeStripping();
  env = {
    ...scratchEnv(process.env),
    PATH: `${dirname(node)}${delimiter}${process.env["PATH"] ?? ""}`,
    K8S_GITOPS_HELM: helm.path,
    K8S_GITOPS_CHARTS_DIR: requireSharedData("charts"),
    K8S_GITOPS_SCHEMAS_DIR: requireSharedData("schemas"),
  };
  const tarballs = Object.fromEntries(
    [...packed.manifests].map(([name, manifest]) => [manifest["name"] as string, packed.tarballs.get(name)!]),
  );
  writeFiles(project, { "package.json": scratchManifest({ tarballs, devDependencies: {} }) });
  const install = await installScratch(project, { storeDir: workspaceStoreDir(root) });
  if (install.code !== 0) throw new Error(`pnpm install of the tarballs failed:\n${install.stdout}\n${install.stderr}`);
}, slow);

describe("GIVEN the packed packages installed into an empty folder outside the workspace", () => {
  test(
    "WHEN init scaffolds a one-cluster estate THEN generate and verify pass, and check exits 1 after a one-line change of the config",
    async () => {
      const init = await cli(
        "init",
        "--cluster", "lab",
        "--nodes", "192.168.50.11,192.168.50.12,192.168.50.13",
        "--subnet", "192.168.50.0/24",
        "--domain", "lab.acme-corp.net",
        "--asn", "65010",
        "--git-url", "ssh://git@github.com/acme-corp/lab-gitops.git",
        "--age-recipient", theirKey,
      );
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      for (const file of ["k8s-gitops.config.ts", "clusters/lab/inventory.yaml", "README.md", ".github/workflows/k8s-gitops.yaml", "renovate.json", ".sops.yaml", ".gitignore"]) {
        expect(existsSync(join(project, file)), file).toBe(true);
      }

      // A second init refuses and writes nothing, so it runs beside the first generate (which
      // writes only below generated/ and the stamp cache) instead of before it.
      const [again, generate] = await Promise.all([
        cli("init", "--cluster", "lab", "--nodes", "192.168.50.11", "--subnet", "192.168.50.0/24", "--domain", "lab.acme-corp.net", "--git-url", "ssh://git@github.com/acme-corp/lab-gitops.git", "--age-recipient", theirKey),
        cli("generate"),
      ]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/refusing to overwrite "clusters\/lab\/inventory\.yaml"/);

      expect(generate.stderr).toBe("");
      expect(generate.code).toBe(0);
      expect(generate.stdout).toMatch(/^generate: \d+ written, 0 unchanged, 0 removed/);
      const sops = readFileSync(join(project, "generated", ".sops.yaml"), "utf8");
      expect(sops).toContain(theirKey);
      expect(sops.match(/age1[0-9a-z]+/g)?.every((key) => key === theirKey)).toBe(true);
      const ks = readFileSync(join(project, "generated", "kubernetes", "clusters", "lab", "kustomization.yaml"), "utf8");
      expect(ks.length).toBeGreaterThan(0);

      const verify = await cli("verify");
      expect(verify.stderr).toBe("");
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/ 0 problems in /);

      expect((await cli("check")).code).toBe(0);
      // The second generate is answered from the stamp the first one recorded.
      const noop = await cli("generate");
      expect(noop.code).toBe(0);
      expect(noop.stdout).toMatch(/^generate: 0 written, \d+ unchanged, 0 removed in \d+\.\d\ds \(inputs and output unchanged since the last generate\)/);
      const config = join(project, "k8s-gitops.config.ts");
      const text = readFileSync(config, "utf8");
      expect(text).toContain("platform(context, { policyAuditMode: true })");
      writeFileSync(config, text.replace("platform(context, { policyAuditMode: true })", "platform(context, { policyAuditMode: false })"));
      const check = await cli("check");
      expect(check.code).toBe(1);
      expect(check.stdout).toContain("kubernetes/infrastructure/lab/network/cilium/app/helmrelease.yaml");
    },
    slow,
  );
});
