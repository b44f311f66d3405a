import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { repoRoot } from "@k8s-gitops/core/testing";
import { componentFolders, derivedVersionCharts, expectedDependency, exportedCharts, type ExportedChart } from "./charts.js";
import { filePatternToRegExp, globToRegExp, matchesAny } from "./glob.js";
import {
  annotationLines,
  customManagerProblems,
  extractAll,
  extractDependencies,
  extractWithRe2,
  isPinFile,
  loadRe2,
  loadRenovateConfig,
  renovateVisible,
  repositoryFiles,
  type CustomManager,
  type ExtractedDependency,
} from "./renovate.js";

const root = repoRoot();
const config = loadRenovateConfig(root);
const managers = config.customManagers ?? [];
const re2 = loadRe2();
const read = (file: string): string => readFileSync(join(root, file), "utf8");
const visible = renovateVisible(config, repositoryFiles(root));
const extracted = extractAll(config, visible, read);

const annotationManagerIndex = managers.findIndex((manager) => manager.matchStrings.some((pattern) => pattern.includes("renovate: datasource=")));
const annotationManager = managers[annotationManagerIndex]!;

describe("GIVEN renovate.json", () => {
  test("WHEN each custom manager is checked THEN Renovate would accept it and every matchString compiles in RE2", () => {
    expect(managers.length).toBeGreaterThan(0);
    expect(managers.flatMap((manager, index) => customManagerProblems(manager, index, re2))).toEqual([]);
  });

  test("WHEN a generated file is looked up THEN it is ignored (Renovate's flux and helmfile managers would edit output instead of source)", () => {
    expect(matchesAny("generated/kubernetes/infrastructure/infra/security/cert-manager/app/ocirepository.yaml", config.ignorePaths ?? [])).toBe(true);
    expect(matchesAny("packages/components/src/cert-manager/index.ts", config.ignorePaths ?? [])).toBe(false);
  });

  test("WHEN the managers run with RE2 instead of JavaScript RegExp THEN they extract the same values from every file", () => {
    for (const [index, manager] of managers.entries()) {
      for (const file of visible.filter((path) => matchesAny(path, manager.managerFilePatterns))) {
        const viaJs = extractDependencies(manager, index, file, read(file)).map(({ depName, currentValue }) => ({ depName, currentValue }));
        expect(extractWithRe2(re2, manager, read(file)), `${file} (customManagers[${index}])`).toEqual(viaJs);
      }
    }
  });
});

describe("GIVEN every chart exported by a component of @k8s-gitops/components", () => {
  let charts: ExportedChart[] = [];
  beforeAll(async () => {
    const folders = componentFolders(join(root, "packages", "components", "src"));
    charts = await exportedCharts(folders, (folder) => import(`@k8s-gitops/components/${folder}`) as Promise<Record<string, unknown>>);
  });

  test("WHEN the managers run over the repository THEN each chart is extracted exactly once with its registry path and version, or derives its version from one that is", () => {
    expect(charts.length).toBeGreaterThan(20);
    // Chart pins proper; annotated copies of a chart's version (schema snapshots) are checked below.
    const chartPins = extracted.filter((dep) => dep.manager !== annotationManagerIndex);
    const derived = visible.filter((file) => file.startsWith("packages/components/src/")).flatMap((file) => derivedVersionCharts(read(file)));
    const unseen: string[] = [];
    for (const { component, exportName, chart } of charts) {
      const expected = expectedDependency(chart);
      const hits = chartPins.filter((dep) => dep.depName === expected.depName && dep.currentValue === expected.currentValue);
      const label = `${component}.${exportName} (${expected.depName} ${expected.currentValue})`;
      if (hits.length === 1) {
        if (expected.registryUrl !== undefined) expect(hits[0]!.registryUrl, label).toBe(expected.registryUrl);
        expect(hits[0]!.datasource, label).toBe(chart.type === "oci" ? "docker" : "helm");
        continue;
      }
      const source = derived.find((candidate) => candidate.depName === expected.depName);
      const origin = charts.find((candidate) => candidate.component === component && candidate.exportName === source?.from);
      if (hits.length === 0 && source !== undefined && origin !== undefined && origin.chart.version === chart.version) continue;
      unseen.push(`${label}: extracted ${hits.length} times`);
    }
    expect(unseen).toEqual([]);
  });

  test("WHEN an annotation names a chart's registry path THEN it pins the chart's version (a values schema snapshot follows its chart)", () => {
    const versions = new Map(charts.map(({ chart }) => [expectedDependency(chart).depName, chart.version]));
    const annotated = extracted.filter((dep) => dep.manager === annotationManagerIndex && dep.depName !== undefined && versions.has(dep.depName));
    expect(annotated.length).toBeGreaterThan(0);
    expect(annotated.map((dep) => `${dep.depName} ${dep.currentValue}`)).toEqual(annotated.map((dep) => `${dep.depName} ${versions.get(dep.depName!)}`));
  });
});

describe("GIVEN every `renovate:` annotation in the repository", () => {
  const annotations = visible.filter(isPinFile).flatMap((file) => annotationLines(read(file)).map((line) => ({ file, line })));

  test("WHEN the managers run THEN each annotation starts exactly one extracted dependency whose version is on the next line", () => {
    expect(annotations.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const { file, line } of annotations) {
      const where = `${file}:${line}`;
      if (!matchesAny(file, annotationManager.managerFilePatterns)) {
        problems.push(`${where}: the annotation manager does not read this file`);
        continue;
      }
      const hits = extracted.filter((dep) => dep.manager === annotationManagerIndex && dep.file === file && dep.line === line);
      if (hits.length !== 1) {
        problems.push(`${where}: ${hits.length} dependencies extracted (the annotation or the pin below it does not fit the pattern)`);
        continue;
      }
      const dep = hits[0]!;
      const nextLine = read(file).split("\n")[line] ?? "";
      if (!dep.currentValue || !nextLine.includes(dep.currentValue)) problems.push(`${where}: extracted ${JSON.stringify(dep.currentValue)} is not on the next line`);
    }
    expect(problems).toEqual([]);
  });

  test("WHEN an annotated version is repeated on the line after its pin THEN that line is inside the match, so Renovate replaces both", () => {
    const stale = extracted
      .filter((dep) => dep.manager === annotationManagerIndex && dep.currentValue !== undefined)
      .filter((dep) => (read(dep.file).split("\n")[dep.endLine] ?? "").includes(dep.currentValue!))
      .map((dep) => `${dep.file}:${dep.endLine + 1} repeats ${dep.currentValue} outside the replaced range`);
    expect(stale).toEqual([]);
  });
});

describe("GIVEN the cluster inventories", () => {
  test.each(["infra", "apps"])("WHEN the managers read %s/inventory.yaml THEN its Talos and Kubernetes versions are extracted", (cluster) => {
    const file = `packages/clusters/${cluster}/inventory.yaml`;
    const inventory = parse(read(file)) as { cluster: { talosVersion: string; kubernetesVersion: string } };
    const deps = extracted.filter((dep) => dep.file === file).map(({ depName, currentValue, datasource }) => ({ depName, currentValue, datasource }));
    expect(deps).toEqual(
      expect.arrayContaining([
        { depName: "siderolabs/talos", currentValue: inventory.cluster.talosVersion, datasource: "github-releases" },
        { depName: "kubernetes/kubernetes", currentValue: inventory.cluster.kubernetesVersion, datasource: "github-releases" },
      ]),
    );
  });
});

describe("the annotation pattern", () => {
  const extract = (content: string): Partial<ExtractedDependency>[] =>
    extractDependencies(annotationManager as CustomManager, annotationManagerIndex, "x.ts", content).map(({ depName, currentValue, datasource, extractVersion }) => ({
      depName,
      currentValue,
      datasource,
      extractVersion,
    }));

  test.each([
    ["a TS constant", 'export const kubernetesVersion = "1.34.1";', "1.34.1"],
    ["an object property", '  version: "v1.6.1",', "v1.6.1"],
    ["an unquoted YAML value", "          version: v1.34.1", "v1.34.1"],
    ["an image reference", 'export const image = "ghcr.io/cloudnative-pg/postgresql:18.4-standard-trixie";', "18.4-standard-trixie"],
    ["a versioned folder", 'export const fluxCrdDir = "crds/flux/v2.9.4";', "v2.9.4"],
    ["the first element of an array", 'const talosTags = ["v1.13.9", "v1.12.11"];', "v1.13.9"],
    ["a property after a non-version one", '  { repo: "fluxcd/helm-controller", tag: "v1.6.3", dir: fluxCrdDir },', "v1.6.3"],
    ["an object literal", 'export const fluxDistribution = { version: "2.9.4", registry: "ghcr.io/fluxcd" } as const;', "2.9.4"],
  ])("GIVEN an annotation above %s WHEN extracted THEN the version is the current value", (_what, pin, version) => {
    expect(extract(`// renovate: datasource=github-releases depName=owner/repo\n${pin}\n`)).toEqual([
      { depName: "owner/repo", currentValue: version, datasource: "github-releases", extractVersion: undefined },
    ]);
  });

  test("GIVEN optional fields after depName WHEN extracted THEN extractVersion is kept and a YAML comment works too", () => {
    expect(extract('  # renovate: datasource=github-releases depName=kubernetes-sigs/kustomize extractVersion=^kustomize/(?<version>.+)$\n  kustomize: "v5.7.1",\n')).toEqual([
      { depName: "kubernetes-sigs/kustomize", currentValue: "v5.7.1", datasource: "github-releases", extractVersion: "^kustomize/(?<version>.+)$" },
    ]);
  });

  test("GIVEN a pin followed by a url line repeating the version WHEN extracted THEN the match covers the url", () => {
    const content = '    // renovate: datasource=docker depName=quay.io/jetstack/charts/cert-manager\n    version: "v1.21.1",\n    url: `x/v1.21.1/values.schema.json`,\n  },\n';
    const [dep] = extractDependencies(annotationManager, annotationManagerIndex, "x.ts", content);
    expect(dep?.match.endsWith("url: `x/v1.21.1/values.schema.json`,")).toBe(true);
  });

  test("GIVEN a pin without a version-like value WHEN extracted THEN nothing is found (the repository test then flags the annotation)", () => {
    expect(extract('// renovate: datasource=docker depName=alpine\nexport const image = "alpine:latest";\n')).toEqual([]);
  });
});

describe("glob and file pattern matching", () => {
  test.each([
    ["**/*.test.ts", "scripts/src/pack/pack.test.ts", true],
    ["**/*.test.ts", "a.test.ts", true],
    ["**/*.test.ts", "src/a.test.tsx", false],
    ["generated/**", "generated/kubernetes/x.yaml", true],
    ["generated/**", "packages/generated.ts", false],
    ["**/testing/**", "packages/core/src/testing/index.ts", true],
    ["packages/clusters/*/inventory.yaml", "packages/clusters/infra/inventory.yaml", true],
    ["packages/clusters/*/inventory.yaml", "packages/clusters/a/b/inventory.yaml", false],
  ])("GIVEN glob %s WHEN matched against %s THEN the result is %s", (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });

  test("GIVEN a /regex/ file pattern WHEN converted THEN it is a regular expression, not a glob", () => {
    expect(filePatternToRegExp("/^\\.ci/run$/").test(".ci/run")).toBe(true);
    expect(filePatternToRegExp("/^\\.ci/run$/").test("x/.ci/run")).toBe(false);
  });

  test("GIVEN glob syntax the checker does not model WHEN converted THEN it throws instead of guessing", () => {
    expect(() => globToRegExp("**/*.{ts,js}")).toThrow(/unsupported glob/);
  });
});
