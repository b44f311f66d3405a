import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderReleases } from "./helm-render.js";
import { fixtureOptions, fixtureRelease, useFixtureCharts } from "./helm-test-support.js";
import { formatProblemLine } from "./problems.js";
import { checkValuesMatter, valueLeaves } from "./values-matter.js";

const charts = useFixtureCharts("plain", "with-schema");

/** Renders the release, then runs the check on it. */
async function check(chart: string, values: Record<string, unknown>, allowList: Parameters<typeof checkValuesMatter>[1]["allowList"] = []) {
  const options = fixtureOptions(charts.root, charts.helm);
  const release = fixtureRelease(chart, values);
  const [result] = await renderReleases([release], options);
  if (result?.status !== "rendered") throw new Error(`fixture ${chart} did not render: ${JSON.stringify(result)}`);
  const outcome = await checkValuesMatter([{ release, result }], { ...options, allowList });
  return { ...outcome, lines: outcome.problems.map(formatProblemLine) };
}

const ignored = (chart: string, key: string): string =>
  `helm-value-unused: kubernetes/apps/demo/web/${chart}/helmrelease.yaml: HelmRelease web/${chart} (chart ${chart} 1.0.0): spec.values.${key} has no effect: ` +
  "the chart renders the same objects with it removed or changed; remove it, set the key the chart reads, or allow-list it with a reason in packages/cli/src/verify/values-allow-list.ts";

// A typo at the top level and Harbor's mistake one level down: a key no template reads.
const mistakes = { replicaz: 3, replicas: 3, image: { tag: "2.0" }, jobservice: { updateStrategy: { type: "Recreate" } } };

describe.each(["plain", "with-schema"])("checkValuesMatter on chart %s", (chart) => {
  it("GIVEN a top-level and a nested value no template reads THEN each is a problem naming chart, version and key path", async () => {
    const { lines } = await check(chart, mistakes);
    expect(lines).toEqual([ignored(chart, "replicaz"), ignored(chart, "jobservice.updateStrategy")]);
  });

  it("GIVEN a key in the chart's values.yaml that no template reads, set to its default THEN it is a problem, not a pin", async () => {
    const { lines, pinned } = await check(chart, { jobservice: { logLevel: "info", enabled: true } });
    expect({ lines, pinned }).toEqual({ lines: [ignored(chart, "jobservice.logLevel")], pinned: [`${chart} 1.0.0: jobservice.enabled`] });
  });

  it("GIVEN values the templates use THEN each is proven, the strings and integers by the sentinel render alone", async () => {
    const { lines, checked, proven, provenBySentinel } = await check(chart, { replicas: 3, image: { tag: "2.0" }, updateStrategy: { type: "Recreate" }, jobservice: { enabled: true } });
    expect(lines).toEqual([]);
    expect({ checked, proven, provenBySentinel }).toEqual({ checked: 4, proven: 3, provenBySentinel: 3 });
  });
});

describe("checkValuesMatter findings", () => {
  it("GIVEN a value equal to the chart's default THEN it is reported as a pin, not a problem", async () => {
    const { lines, pinned } = await check("plain", { jobservice: { enabled: true }, replicas: 2 });
    expect(lines).toEqual([]);
    expect(pinned).toEqual(["plain 1.0.0: jobservice.enabled"]);
  });

  it("GIVEN a boolean that changes what renders THEN it is proven by its own render", async () => {
    const { lines, proven, provenBySentinel } = await check("plain", { jobservice: { enabled: false } });
    expect({ lines, proven, provenBySentinel }).toEqual({ lines: [], proven: 1, provenBySentinel: 0 });
  });

  it("GIVEN an allow-listed ignored value THEN it is excused, and an entry that excuses nothing is reported as stale", async () => {
    const allowList = [
      { chart: "plain", path: "replicaz", reason: "test" },
      { chart: "plain", path: "image.digest", reason: "test" },
    ];
    const { lines, usedEntries } = await check("plain", { replicaz: 3 }, allowList);
    expect([...usedEntries]).toEqual([allowList[0]]);
    expect(lines).toEqual([
      "allow-list: packages/cli/src/verify/values-allow-list.ts: value image.digest of chart plain is set nowhere or matters everywhere; remove the entry",
    ]);
  });
});

describe("checkValuesMatter with a cache", () => {
  it("GIVEN an unchanged release checked again THEN the verdicts come from the cache without a render, and the same problems", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "k8s-gitops-values-cache-"));
    try {
      const options = fixtureOptions(charts.root, charts.helm, { cacheDir });
      const release = fixtureRelease("plain", { replicaz: 3, replicas: 3 });
      const [result] = await renderReleases([release], options);
      if (result?.status !== "rendered") throw new Error("fixture plain did not render");
      const first = await checkValuesMatter([{ release, result }], { ...options, allowList: [] });
      const again = await checkValuesMatter([{ release, result }], { ...options, allowList: [] });
      expect([first.renders > 0, again.renders]).toEqual([true, 0]);
      expect(again.problems).toEqual(first.problems);
      expect(again.problems).toHaveLength(1);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe("valueLeaves", () => {
  it("GIVEN a mapping the chart leaves free-form THEN it is one value; the chart's own structure is descended", () => {
    const defaults = { podAnnotations: {}, image: { repository: "r", tag: "t" } };
    expect(valueLeaves({ podAnnotations: { a: "1", b: "2" }, image: { tag: "2" }, extra: { x: 1 } }, defaults)).toEqual([
      { path: ["podAnnotations"], value: { a: "1", b: "2" } },
      { path: ["image", "tag"], value: "2" },
      { path: ["extra"], value: { x: 1 } },
    ]);
  });
});

describe("checkValuesMatter on releases with the same helm command", () => {
  it("GIVEN a Flux release and a helmfile release of the same chart and values (keys in another order) THEN helm runs once per variant and each gets the verdicts it gets alone", async () => {
    // Only the sentinel render differs: sentinels are numbered in each release's own key order.
    const options = fixtureOptions(charts.root, charts.helm);
    const values = { replicaz: 3, replicas: 3, jobservice: { enabled: false } };
    const flux = fixtureRelease("plain", values, { originLabels: { "helm.toolkit.fluxcd.io/name": "plain", "helm.toolkit.fluxcd.io/namespace": "web" } });
    const helmfile = fixtureRelease("plain", { jobservice: { enabled: false }, replicas: 3, replicaz: 3 }, { file: "bootstrap/helmfile.d/01-core.yaml", subject: "helmfile release plain (demo)", valuesPath: "values" });
    const results = await renderReleases([flux, helmfile], options);
    const pairs = [flux, helmfile].map((release, index) => {
      const result = results[index];
      if (result?.status !== "rendered") throw new Error("fixture plain did not render");
      return { release, result };
    });
    const alone = await Promise.all(pairs.map((pair) => checkValuesMatter([pair], { ...options, allowList: [] })));
    const together = await checkValuesMatter(pairs, { ...options, allowList: [] });
    expect(together.problems.map(formatProblemLine)).toEqual(alone.flatMap((r) => r.problems.map(formatProblemLine)));
    expect(together.problems).toHaveLength(2);
    expect({ checked: together.checked, proven: together.proven, renders: together.renders }).toEqual({
      checked: alone[0]!.checked + alone[1]!.checked,
      proven: alone[0]!.proven + alone[1]!.proven,
      renders: alone[0]!.renders + 1,
    });
  });
});
