import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { GeneratedFile } from "@k8s-gitops/core";
import { extractFromTgz, hasHelmSchema, validateHelmValues } from "@k8s-gitops/core/schemas";
import { estateOutputDir, helmReleaseValues, kubectlRequired, matchGolden, requireSharedData, strictProblems } from "@k8s-gitops/core/testing";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { kustomizeFailures } from "./kustomize.js";

/** The fixture clusters of `fixtureContext`. */
export type FixtureCluster = "infra" | "apps";

/** One chart a component installs, as its module pins it. */
export interface ChartCheck {
  readonly chart: { readonly name: string; readonly version: string };
  /** The HelmRelease that installs it. @default the only HelmRelease of the render */
  readonly release?: string;
  /**
   * How the chart's `values.schema.json` (schemas/helm/<chart>/<version>) checks the default values:
   * `"strict"` also rejects keys the schema does not declare; `{ none }` says why the chart has no
   * schema (the test fails once one appears, so the claim stays true). Unset: not checked (the
   * chart's schema is not among the shared schemas).
   */
  readonly valuesSchema?: "lenient" | "strict" | { readonly none: string };
  /** Why `../shared/charts` holds no archive of this version; without it the archive must be there. */
  readonly noArchive?: string;
}

/** What {@link describeChartComponent} checks for one component. */
export interface ChartComponentContract {
  /** The test file's folder; golden files live in `<dir>/__golden__/<cluster>/`. */
  readonly dir: string;
  /** Renders the component with its default props for a fixture cluster. */
  readonly render: (cluster: FixtureCluster) => readonly GeneratedFile[];
  /** Clusters whose default render is compared with the golden files, validated and built. @default ["infra"] */
  readonly clusters?: readonly FixtureCluster[];
  readonly charts: readonly ChartCheck[];
}

/** `<chart>/<chart>-<version>.tgz` in ../shared/charts, as that folder's README lays them out. */
const archivePath = (chartsDir: string, chart: ChartCheck["chart"]): string => join(chartsDir, chart.name, `${chart.name}-${chart.version}.tgz`);

/**
 * The guarantees every chart component gives, once instead of copied into each test file:
 * - the default render matches the golden files; a file without a golden copy must equal the
 *   estate's committed output (`generated/`, guarded by `pnpm generate --check`), so golden files
 *   hold only what the estate does not show;
 * - every document passes strict schema validation (kubeconform rules, unknown keys rejected);
 * - each chart's values schema accepts the default values (or the chart really has none), where
 *   the contract names the schema mode;
 * - each chart's archive is in ../shared/charts with the pinned name and version in its Chart.yaml
 *   (what `helm template` would render offline), unless the contract says why not;
 * - every kustomization builds with `kubectl kustomize` (Flux's kustomize-controller runs the same
 *   krusty build); a folder `pnpm verify` already builds in generated/ from the same inputs is not
 *   built twice (testing/kustomize.ts).
 * Tests that read ../shared fail when it is missing (requireSharedData); none is skipped for it.
 */
export function describeChartComponent(name: string, contract: ChartComponentContract): void {
  const clusters = contract.clusters ?? ["infra"];
  const cluster = clusters[0] ?? "infra";
  const charts = contract.charts.map((check) => [`${check.chart.name} ${check.chart.version}`, check] as const);

  describe(`${name}: chart component contract`, () => {
    it.each(clusters)("GIVEN the %s inventory THEN the render matches its golden files, and generated/ where it has no golden copy", (c) => {
      expect(matchGolden(join(contract.dir, "__golden__", c), contract.render(c), { coveredBy: estateOutputDir() })).toBe("");
    });

    it.each(clusters)("GIVEN the %s render THEN every document passes strict schema validation", (c) => {
      expect(strictProblems(contract.render(c))).toEqual([]);
    });

    const valueChecks = charts.filter(([, check]) => check.valuesSchema !== undefined);
    if (valueChecks.length > 0) {
      it.each(valueChecks)("GIVEN the default values of %s THEN its values schema accepts them, or it has none", (_label, check) => {
        const schema = check.valuesSchema;
        const root = requireSharedData("schemas");
        if (typeof schema === "object") {
          expect(hasHelmSchema(check.chart.name, check.chart.version, { root }), schema.none).toBe(false);
          return;
        }
        const values = helmReleaseValues(contract.render(cluster), check.release);
        expect(validateHelmValues(check.chart.name, check.chart.version, values, { root, rejectUnknownKeys: schema === "strict" })).toEqual([]);
      });
    }

    it.each(charts)("GIVEN the pin of %s THEN ../shared/charts holds that archive, or the contract says why not", (_label, check) => {
      const path = archivePath(requireSharedData("charts"), check.chart);
      if (check.noArchive !== undefined) {
        expect(() => readFileSync(path), check.noArchive).toThrow(/ENOENT/);
        return;
      }
      const chartYaml = extractFromTgz(readFileSync(path), `${check.chart.name}/Chart.yaml`);
      expect(chartYaml, `${path} has no ${check.chart.name}/Chart.yaml`).toBeDefined();
      const { name: chartName, version } = parse(Buffer.from(chartYaml ?? new Uint8Array()).toString("utf8")) as { name?: string; version?: string };
      expect({ name: chartName, version }).toEqual({ name: check.chart.name, version: check.chart.version });
    });

    it.runIf(kubectlRequired()).each(clusters)("GIVEN the %s render THEN every kustomization builds with kubectl kustomize", (c) => {
      expect(kustomizeFailures([...contract.render(c)])).toEqual([]);
    });
  });
}
