import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { chart as certManagerChart } from "@k8s-gitops/components/cert-manager";
import { chart as metricsServerChart } from "@k8s-gitops/components/metrics-server";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { repoRoot } from "@k8s-gitops/core/testing";
import { consumerSource, documentsOfKind, expectedDiagnostics, parseConsumerOutput, parseDiagnostics, typeErrorSource } from "./consumer.js";
import { packedFilesProblems, publishedManifestProblems } from "./manifest.js";
import { publicPackages, packPublicPackagesOnce, type PackedPackages, type PublicPackage } from "./pack.js";
import { run, runChecked, type RunResult } from "./run.js";
import { installScratch, workspaceStoreDir, scratchManifest, scratchTsconfig, writeFiles } from "./scratch.js";

// Packing, installing and compiling take tens of seconds on a cold store.
const slow = 240_000;

const root = repoRoot();
const rootManifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  packageManager?: string;
  devDependencies: Record<string, string>;
};
const work = mkdtempSync(join(tmpdir(), "k8s-gitops-pack-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let packed: PackedPackages;
const tarballs = { get: (name: PublicPackage) => packed.tarballs.get(name) };
const manifests = { get: (name: PublicPackage) => packed.manifests.get(name) };
const entries = { get: (name: PublicPackage) => packed.entries.get(name) };

beforeAll(async () => {
  packed = await packPublicPackagesOnce(root);
}, slow);

describe("GIVEN each public package packed with pnpm pack", () => {
  test.each(publicPackages)("WHEN reading the packed %s package.json THEN its exports and metadata fit a consumer without the source condition", (name) => {
    expect(publishedManifestProblems(manifests.get(name)!)).toEqual([]);
  });

  test.each(publicPackages)("WHEN listing the %s tarball THEN it holds typed dist files for every export, a README and no tests", (name) => {
    const files = entries.get(name)!;
    expect(files.filter((path) => path.startsWith("dist/") && path.endsWith(".d.ts")).length).toBeGreaterThan(0);
    expect(packedFilesProblems(manifests.get(name)!, files)).toEqual([]);
  });

  test("WHEN reading this repository's estate package THEN it is private: its inventories (addresses, MACs) are not published", () => {
    expect(JSON.parse(readFileSync(join(root, "packages", "clusters", "package.json"), "utf8")).private).toBe(true);
  });
});

describe("GIVEN a scratch project outside the workspace with the core and components tarballs installed", () => {
  const project = join(work, "consumer");
  /** tsc over index.ts and type-errors.ts, run once. */
  let compiled: RunResult;

  beforeAll(async () => {
    expect(findRepoRoot(tmpdir()), "the scratch project must not sit inside a pnpm workspace").toBeUndefined();
    writeFiles(project, {
      "package.json": scratchManifest({
        tarballs: { "@k8s-gitops/core": tarballs.get("core")!, "@k8s-gitops/components": tarballs.get("components")! },
        // The consumer compiles with TypeScript 7, the compiler the packages are built with (the
        // root's `typescript-native`): a fifth of TypeScript 5.9's 12 s of CPU for this program.
        devDependencies: { typescript: rootManifest.devDependencies["typescript-native"]!, "@types/node": rootManifest.devDependencies["@types/node"]! },
        ...(rootManifest.packageManager ? { packageManager: rootManifest.packageManager } : {}),
      }),
      // One tsc run over both files: diagnostics are per file, and with noEmitOnError off the
      // deliberate errors in type-errors.ts do not stop out/index.js from being emitted.
      "tsconfig.json": scratchTsconfig(["index.ts", "type-errors.ts"], { noEmitOnError: false }),
      "index.ts": consumerSource,
      "type-errors.ts": typeErrorSource,
    });
    mkdirSync(join(project, "inventories"));
    for (const cluster of ["infra", "apps"]) {
      copyFileSync(join(root, "packages", "clusters", cluster, "inventory.yaml"), join(project, "inventories", `${cluster}.yaml`));
    }
    const install = await installScratch(project, { storeDir: workspaceStoreDir(root) });
    if (install.code !== 0) throw new Error(`pnpm install in the scratch project failed:\n${install.stdout}\n${install.stderr}`);
    compiled = await run(join(project, "node_modules", ".bin", "tsc"), ["--pretty", "false", "-p", "tsconfig.json"], { cwd: project });
  }, slow);

  /** Lines of tsc's output that are neither a diagnostic of type-errors.ts nor a continuation of one. */
  const outputOutside = (output: string): string[] => output.split("\n").filter((line) => line !== "" && !/^ /.test(line) && !/^type-errors\.ts\(\d+,\d+\): error TS\d+:/.test(line));

  test(
    "WHEN tsc compiles the consumer and node runs it THEN it type-checks and renders a HelmRelease with each component's chart and version",
    async () => {
      expect(outputOutside(compiled.stdout + compiled.stderr), "no diagnostic in index.ts, none global").toEqual([]);
      expect(parseDiagnostics(compiled.stdout).filter((diagnostic) => diagnostic.file !== "type-errors.ts")).toEqual([]);

      const { stdout } = await runChecked(process.execPath, ["out/index.js"], { cwd: project });
      const output = parseConsumerOutput(stdout);
      // The packed dist must carry the same pins as the workspace sources (a stale build fails here).
      expect(output.charts).toEqual({ certManager: { ...certManagerChart }, metricsServer: { ...metricsServerChart } });

      const releases = documentsOfKind(output.files, "HelmRelease");
      const ociRepositories = documentsOfKind(output.files, "OCIRepository");
      const helmRepositories = documentsOfKind(output.files, "HelmRepository");

      const certManager = releases.find((doc) => (doc.metadata as { name: string }).name === "cert-manager");
      const chartRef = (certManager?.spec as { chartRef?: { kind: string; name: string } } | undefined)?.chartRef;
      expect(chartRef?.kind).toBe("OCIRepository");
      const ociSource = ociRepositories.find((doc) => (doc.metadata as { name: string }).name === chartRef?.name);
      expect(ociSource?.spec).toMatchObject({ url: certManagerChart.url, ref: { tag: certManagerChart.version } });

      const metrics = releases.find((doc) => (doc.metadata as { name: string }).name === "metrics-server");
      const chartSpec = (metrics?.spec as { chart?: { spec: { chart: string; version: string; sourceRef: { kind: string; name: string } } } })?.chart?.spec;
      expect(chartSpec).toMatchObject({ chart: metricsServerChart.name, version: metricsServerChart.version, sourceRef: { kind: "HelmRepository" } });
      const helmSource = helmRepositories.find((doc) => (doc.metadata as { name: string }).name === chartSpec?.sourceRef.name);
      expect(helmSource?.spec).toMatchObject({ url: metricsServerChart.repository });
    },
    slow,
  );

  test(
    "WHEN tsc checks a file that misuses the API THEN it reports exactly the marked errors (the check is not vacuous)",
    async () => {
      expect(compiled.code).not.toBe(0);
      const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
      expect(parseDiagnostics(compiled.stdout).sort(byLine)).toEqual(expectedDiagnostics("type-errors.ts", typeErrorSource).sort(byLine));
    },
    slow,
  );
});
