// Which of the CLI's test files run in turbo task `test` and which in `test:estate` (see docs/ci.md).

/**
 * Test files that import only the CLI's own modules and core, and read no file of the repository
 * outside this package (no generated/, README, component source): project `unit`, turbo task
 * `k8s-gitops#test`, whose inputs leave out components, platform, clusters, talos and generated/,
 * so a component change replays them. Every other test file runs in project `estate` (task
 * `k8s-gitops#test:estate`). scripts/src/ci/test-split.test.ts proves the imports.
 */
export const selfContainedTests: readonly string[] = [
  "src/fetch-schemas.test.ts",
  "src/verify/crd-schemas.test.ts",
  "src/verify/disruption.test.ts",
  "src/verify/helm-render.test.ts",
  "src/verify/kustomize-cache.test.ts",
  "src/verify/monitoring.test.ts",
  "src/verify/origins.test.ts",
  "src/verify/report.test.ts",
  "src/verify/schema-coverage.test.ts",
  "src/verify/twin/catalog.test.ts",
  "src/verify/twin/twin.test.ts",
  "src/verify/values-matter.test.ts",
];
