import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultOutDir } from "@k8s-gitops/core/testing";
import { findChartArchive } from "./helm-charts.js";
import { chartPins } from "./chart-pins.js";
import { readTree } from "./tree.js";

const roots = [mkdtempSync(join(tmpdir(), "k8s-gitops-roots-a-")), mkdtempSync(join(tmpdir(), "k8s-gitops-roots-b-"))];
mkdirSync(join(roots[1]!, "plain"));
writeFileSync(join(roots[1]!, "plain", "plain-1.0.0.tgz"), "");
writeFileSync(join(roots[1]!, "plain", "plain-1.2.0.tgz"), "");
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe("findChartArchive", () => {
  it("GIVEN an archive in the second root THEN it is found there", () => {
    expect(findChartArchive({ chart: "plain", version: "1.2.0" }, roots)).toEqual({ archive: join(roots[1]!, "plain", "plain-1.2.0.tgz") });
  });

  it("GIVEN a version with no archive THEN the message names chart, version, the folders searched and the versions there", () => {
    expect(findChartArchive({ chart: "plain", version: "2.0.0" }, roots)).toEqual({
      missing: `chart plain 2.0.0: no archive plain/plain-2.0.0.tgz in ${roots[0]}, ${roots[1]} (versions there: 1.0.0, 1.2.0); pin a released version, or run \`k8s-gitops fetch charts\``,
    });
  });

  it("GIVEN a chart on the offline-unavailable list THEN it is skipped with the reason", () => {
    expect(findChartArchive({ chart: "gitlab", version: "9.11.7" }, roots)).toEqual({
      skipped: "chart gitlab 9.11.7 cannot be rendered offline: published from gitlab.com only, which is not reachable offline",
    });
  });
});

describe("the estate's chart pins", () => {
  it("GIVEN every chart pin of generated/ THEN each has an archive of exactly that version in ../shared/charts, or is on the offline-unavailable list", () => {
    const shared = resolve(defaultOutDir(), "..", "..", "shared", "charts");
    const pins = chartPins(readTree(defaultOutDir()));
    expect(pins.length).toBeGreaterThan(30);
    const unresolved = pins.flatMap((pin) => {
      const found = findChartArchive(pin, [shared]);
      return "missing" in found ? [`${pin.file}: ${found.missing}`] : [];
    });
    expect(unresolved).toEqual([]);
  });
});
