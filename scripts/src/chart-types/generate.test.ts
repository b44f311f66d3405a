import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UserError } from "@k8s-gitops/core/errors";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { defaultChartsDir, staleChartTypeFiles } from "../chart-types.js";
import { chartTypesDir, generateChartTypes, type GeneratedChartTypes } from "./generate.js";
import { type ChartPin, collectPins } from "./pins.js";

const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)))!;
const chartsDir = defaultChartsDir(repoRoot);

let pins: ChartPin[];
let generated: GeneratedChartTypes;
const temps: string[] = [];

beforeAll(async () => {
  pins = await collectPins(repoRoot);
  // No skip when ../shared/charts is missing: generateChartTypes throws, and every test here fails.
  generated = generateChartTypes(pins, chartsDir, repoRoot);
}, 120_000);

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the generated folder in a scratch repository root, to change without touching the worktree. */
function scratchRepo(): string {
  const root = mkdtempSync(join(tmpdir(), "chart-types-"));
  temps.push(root);
  cpSync(join(repoRoot, chartTypesDir), join(root, chartTypesDir), { recursive: true });
  return root;
}

describe("pnpm chart-types", () => {
  it("GIVEN the pins of the components and the archives in ../shared/charts THEN the committed types are exactly a fresh generation", () => {
    expect(staleChartTypeFiles(repoRoot, generated.files)).toEqual([]);
  });

  it("GIVEN the component pins THEN every pinned chart is generated except the three without an archive offline", () => {
    expect(generated.skipped.map(({ pin }) => pin.name)).toEqual(["gitlab", "gitlab-runner", "openebs"]);
    expect(generated.files.size).toBe(pins.length - 3 + 1);
    expect(pins.find((pin) => pin.name === "prometheus-operator-crds")?.declaredBy).toEqual(["@k8s-gitops/clusters#prometheusOperatorCrds.chart"]);
  });

  it("GIVEN a pin moved to a version without an archive THEN generation fails naming the pin, the missing archive and what is there", () => {
    const moved = pins.map((pin) => (pin.name === "coredns" ? { ...pin, version: "1.47.0" } : pin));
    expect(() => generateChartTypes(moved, chartsDir, repoRoot)).toThrow(UserError);
    expect(() => generateChartTypes(moved, chartsDir, repoRoot)).toThrow(
      `@k8s-gitops/components/coredns#chart: chart "coredns" version "1.47.0" has no archive "${join(chartsDir, "coredns", "coredns-1.47.0.tgz")}" (present: coredns-1.46.2.tgz)`,
    );
  });

  it("GIVEN a pin moved without regenerating THEN the check lists the new file as missing and the old one as left over", () => {
    // The worktree as it is after moving coredns from 1.45.0 to the pinned 1.46.2 without running the generator.
    const root = scratchRepo();
    const current = join(chartTypesDir, "coredns", "1.46.2.ts");
    const old = join(chartTypesDir, "coredns", "1.45.0.ts");
    writeFileSync(join(root, old), readFileSync(join(root, current)));
    rmSync(join(root, current));
    expect(staleChartTypeFiles(root, generated.files)).toEqual([`missing: ${current}`, `left over: ${old}`]);
  });

  it("GIVEN a generated file edited by hand THEN the check reports it changed", () => {
    const root = scratchRepo();
    const file = join(root, chartTypesDir, "metrics-server", "3.13.1.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace("replicas?: number;", "replicas?: number | string;"));
    expect(staleChartTypeFiles(root, generated.files)).toEqual([`changed: ${join(chartTypesDir, "metrics-server", "3.13.1.ts")}`]);
  });

  it("GIVEN an archive whose Chart.yaml disagrees with the pin THEN generation fails and names both", () => {
    const otherCharts = mkdtempSync(join(tmpdir(), "charts-"));
    temps.push(otherCharts);
    cpSync(join(chartsDir, "spegel"), join(otherCharts, "spegel"), { recursive: true });
    cpSync(join(otherCharts, "spegel", "spegel-0.7.4.tgz"), join(otherCharts, "spegel", "spegel-0.7.5.tgz"));
    const pin: ChartPin = { name: "spegel", version: "0.7.5", declaredBy: ["test#chart"] };
    expect(() => generateChartTypes([pin], otherCharts, repoRoot)).toThrow(`Chart.yaml says "spegel@0.7.4", the pin says "spegel@0.7.5"`);
  });

  it("GIVEN no chart archives folder THEN generation fails naming it", () => {
    const missing = join(tmpdir(), "no-such-charts-folder");
    expect(existsSync(missing)).toBe(false);
    expect(() => generateChartTypes(pins, missing, repoRoot)).toThrow(`the chart archives folder "${missing}" does not exist`);
  });

  it("GIVEN each generated file THEN its header names the archive and its sha256, and says never to edit it", () => {
    const text = generated.files.get(join(chartTypesDir, "coredns", "1.46.2.ts"))!;
    expect(text.split("\n").slice(0, 3)).toEqual([
      expect.stringMatching(/^\/\/ Generated by `pnpm chart-types` from \.\.\/shared\/charts\/coredns\/coredns-1\.46\.2\.tgz \(sha256 [0-9a-f]{64}\)\.$/),
      "// The values of chart coredns 1.46.2, pinned by @k8s-gitops/components/coredns#chart.",
      "// Never edit by hand: change the pin, then run `pnpm chart-types` (`pnpm chart-types --check` proves it current).",
    ]);
  });
});
