// Which of scripts' test files run in turbo task `test` and which in `test:estate` (see docs/ci.md).

/**
 * Test files that import only scripts' own modules and core, and read no file of the repository
 * outside scripts (no generated/, README, component source): project `unit`, turbo task
 * `@k8s-gitops/scripts#test`, whose inputs leave out components, clusters, talos and generated/, so a
 * component change replays them. Every other test file runs in project `estate` (task
 * `@k8s-gitops/scripts#test:estate`, every source of the workspace as input). test-split.test.ts
 * proves the imports; a file listed here that starts reading the repository belongs in `estate`.
 */
export const selfContainedTests: readonly string[] = [
  "src/bench/args.test.ts",
  "src/bench/fleet.test.ts",
  "src/bench/reference.test.ts",
  "src/bench/report.test.ts",
  "src/bench/stats.test.ts",
  "src/chart-types/chart.test.ts",
  "src/chart-types/templates.test.ts",
  "src/chart-types/values-yaml.test.ts",
  "src/ci/bench-ci.test.ts",
  "src/ci/shared-data.test.ts",
  "src/ci/test-cache/cache.test.ts",
  "src/ci/test-cache/temp-dir.test.ts",
  "src/ci/test-split.test.ts",
  "src/ci/tsc-build.test.ts",
  "src/ci/tsc-inputs.test.ts",
  "src/pack/manifest.test.ts",
  "src/pack/pack-once.test.ts",
  "src/pack/run.test.ts",
];
