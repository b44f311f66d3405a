import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { configDefaults, defineConfig, type TestProjectInlineConfiguration, type ViteUserConfig } from "vitest/config";
import { testCacheConfig, testCacheEnabled } from "./scripts/src/ci/test-cache/cache.ts";
import { memoryTempDir } from "./scripts/src/ci/test-cache/temp-dir.ts";

/** Options of {@link packageTestConfig}. */
export interface PackageTestOptions {
  /**
   * Test files (globs relative to the package) that are slow or spawn processes: they run in the
   * `slow` project (`vitest run --project slow`, turbo task `test:slow`) and not in `unit`.
   * @default []
   */
  readonly slow?: readonly string[];
  /**
   * Test files (globs relative to the package) that import only this package and core and read no
   * other file of the repository: they run in project `unit` (turbo task `test`, whose inputs are
   * this package's files and core's sources), and every other test file runs in project `estate`
   * (turbo task `test:estate`, whose inputs are the whole workspace). A new test file therefore lands
   * in `estate`, where no change can replay it green; `scripts/src/ci/test-split.test.ts` proves the
   * listed files' imports stay inside the package and core.
   * @default undefined (one project, every file)
   */
  readonly selfContained?: readonly string[];
  /**
   * Test files (globs relative to the package) that read the package's sources as data (an
   * in-process TypeScript program): they run in project `isolated`, each in a fresh worker
   * (`isolate: true`). The result cache keys a file on everything its worker read up to its end (a
   * module can memoize a read for the next file), so a file sharing a worker with them would rerun
   * on any source change.
   * @default []
   */
  readonly isolated?: readonly string[];
  /**
   * Test files (paths relative to the package) that spawn processes the result cache's recording
   * cannot follow: they stay in their project's worker, and the cache's sequencer runs them after
   * every other file (each file's record holds everything its worker did up to its end, so a file
   * after them could not be stored). Cheaper than `isolated`: no second worker importing the same
   * modules again. Without the result cache the order is vitest's.
   * @default []
   */
  readonly last?: readonly string[];
  /**
   * Replay test files whose import closure and recorded reads are unchanged since they last passed
   * (`scripts/src/ci/test-cache/cache.ts`, docs/ci.md); `K8S_GITOPS_TEST_CACHE=off` turns it off.
   * @default false
   */
  readonly resultCache?: boolean;
  /**
   * Test files that get a vitest project (and a turbo task `test:<name>`) of their own, because what
   * decides their verdict is a few files the package's other projects do not name as inputs (for
   * scripts' turbo-input test: turbo.json and the manifests, not the sources it copies). Each entry
   * maps the project name to its files; they run with the slow budget (they spawn processes).
   * @default {}
   */
  readonly separate?: Readonly<Record<string, readonly string[]>>;
}

/**
 * turbo runs two tasks per core (turbo.json `concurrency: "200%"`: 4 on 2 cores), so each vitest
 * process takes half of the cores: with the waits on child processes (pnpm, helm, kubectl) and
 * the short builds and checks in the other slots, about one busy process per core, instead of five
 * vitest processes each sized for the whole machine.
 */
export const workersPerPackage = Math.max(1, Math.floor(availableParallelism() / 2));

/**
 * Budgets that hold at twice the load the suite is sized for: the slowest unit test takes about 12 s
 * alone on one core, the kill tests about 20 s each, scripts' slowest estate test (two tsx runs of
 * the whole generate) 41 s at a load average of 15.
 */
export const unitTimeoutMs = 60_000;
export const slowTimeoutMs = 180_000;

/** The vitest config of a workspace package: sources through the `source` condition, tests in `src`. */
export function packageTestConfig(options: PackageTestOptions = {}): ViteUserConfig {
  // Set before vitest starts its workers, which inherit it (os.tmpdir() reads TMPDIR on each call),
  // as do the processes the tests spawn.
  const systemTemp = tmpdir();
  const temp = memoryTempDir();
  if (temp !== undefined) {
    process.env["TMPDIR"] = temp;
    // Node's compile cache (the CLI turns it on, in the temp folder unless NODE_COMPILE_CACHE names
    // one) gains each new CLI bundle's code, 10 MB and more per change: it stays on disk, where it was.
    process.env["NODE_COMPILE_CACHE"] ??= join(systemTemp, "node-compile-cache");
  }
  const separate = Object.entries(options.separate ?? {});
  const slow = [...(options.slow ?? [])];
  /** Files of a project of their own, which `unit` and `estate` leave out. */
  const apart = [...slow, ...separate.flatMap(([, files]) => files)];
  const isolated = [...(options.isolated ?? [])];
  const selfContained = options.selfContained === undefined ? undefined : [...options.selfContained];
  const include = selfContained ?? ["src/**/*.test.ts"];
  const unit = { include, exclude: [...configDefaults.exclude, ...apart, ...isolated], testTimeout: unitTimeoutMs, hookTimeout: unitTimeoutMs };
  /** A project that extends this config (plugins, resolve conditions, workers). */
  const project = (test: NonNullable<TestProjectInlineConfiguration["test"]>): TestProjectInlineConfiguration => ({ extends: true, test });
  const projects: TestProjectInlineConfiguration[] = [
    ...(isolated.length === 0 ? [] : [project({ name: "isolated", include: isolated, isolate: true, testTimeout: unitTimeoutMs, hookTimeout: unitTimeoutMs })]),
    ...(slow.length === 0 ? [] : [project({ name: "slow", include: slow, testTimeout: slowTimeoutMs, hookTimeout: slowTimeoutMs })]),
    ...separate.map(([name, files]) => project({ name, include: [...files], testTimeout: slowTimeoutMs, hookTimeout: slowTimeoutMs })),
    ...(selfContained === undefined
      ? []
      : // The estate's tests spawn the CLI (tsx or the bundle), pnpm and tsc: the slowest took 41 s at a load
        // average of 15 on 2 cores (cli/generate.test.ts, two tsx runs of the whole generate), so they
        // get the budget of the slow tests.
        [project({ name: "estate", include: ["src/**/*.test.ts"], exclude: [...configDefaults.exclude, ...apart, ...isolated, ...selfContained], testTimeout: slowTimeoutMs, hookTimeout: slowTimeoutMs })]),
  ];
  const cache = options.resultCache === true && testCacheEnabled() ? testCacheConfig(process.cwd(), options.last ?? []) : undefined;
  return defineConfig({
    ...(cache === undefined ? {} : { plugins: cache.plugins }),
    resolve: { conditions: ["source"] },
    ssr: { resolve: { conditions: ["source"] } },
    test: {
      maxWorkers: workersPerPackage,
      // No test keeps state in modules (environment stubs are undone after each test), so one module
      // graph per worker serves every file instead of importing kubernetes-models, ajv and the
      // renderer again for each: components 205 s -> 105 s, scripts' imports 88 s -> 19 s.
      isolate: false,
      // Transformed modules persist between runs, keyed by content (node_modules/.experimental-vitest-cache):
      // a rerun after a one-line change transforms that file, not the 1,500 unchanged ones each
      // process loads (the CLI's estate tests: transform 11.8 s -> 2.2 s; clusters' 7.4 s -> 2.0 s).
      experimental: { fsModuleCache: true },
      ...(cache === undefined ? {} : { setupFiles: cache.setupFiles, sequence: { sequencer: cache.sequencer } }),
      ...(projects.length === 0 ? unit : { projects: [project({ name: "unit", ...unit }), ...projects] }),
    },
  });
}
