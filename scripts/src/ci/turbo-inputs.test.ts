import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { scratchDirs } from "@k8s-gitops/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedDigestEnv } from "./shared-data.mjs";

const root = findRepoRoot(import.meta.dirname) ?? "";

interface DryTask {
  readonly taskId: string;
  readonly hash: string;
  readonly command: string;
  readonly inputs: Record<string, string>;
  readonly dependencies: readonly string[];
  readonly resolvedTaskDefinition: { readonly env: readonly string[] };
}

/** The tasks `pnpm test` runs, from the root manifest's `test` script. */
function testTasks(): string[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const tasks = manifest.scripts["test"]?.split("turbo-run.mjs ")[1]?.split(" ") ?? [];
  expect(tasks).toContain("test");
  return tasks;
}

/**
 * A copy of the workspace as turbo hashes it (the files git tracks or would track) beside a small
 * `shared/` folder with a schema and a chart archive, and an empty schema cache: the scratch copy
 * can lose a README row or a shared file without touching the worktree other tasks are reading.
 */
function scratchWorkspace(parent: string): { workspace: string; shared: string; cache: string } {
  const workspace = join(parent, "k8s-gitops");
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  for (const file of files.split("\0").filter((f) => f !== "" && existsSync(join(root, f)))) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    cpSync(join(root, file), join(workspace, file));
  }
  symlinkSync(join(root, "node_modules"), join(workspace, "node_modules"));
  const shared = join(parent, "shared");
  mkdirSync(join(shared, "schemas", "helm", "cert-manager", "v1.21.1"), { recursive: true });
  writeFileSync(join(shared, "schemas", "helm", "cert-manager", "v1.21.1", "values.schema.json"), '{"type":"object"}');
  mkdirSync(join(shared, "charts", "cilium"), { recursive: true });
  writeFileSync(join(shared, "charts", "cilium", "cilium-1.20.0.tgz"), "archive");
  return { workspace, shared, cache: join(parent, "cache") };
}

/**
 * How a machine reaches the npm registry through a proxy that re-signs TLS: the consumer installs
 * of the tarball tests (`pnpm install` with no lockfile, so pnpm fetches metadata) stalled until
 * killed when turbo's strict env mode withheld these from the task.
 */
const network = { HTTPS_PROXY: "http://proxy.invalid:3128", NODE_EXTRA_CA_CERTS: "/etc/ssl/certs/proxy-ca.pem", npm_config_registry: "https://registry.invalid/" };

interface DryRun {
  readonly tasks: DryTask[];
  /** `NAME=hash` of each variable turbo passes to every task without hashing it. */
  readonly passedThrough: readonly string[];
}

/**
 * `pnpm test --dry=json` in the scratch workspace: turbo-run.mjs computes the shared-data digest
 * from the scratch `../shared` and runs turbo with it, as `pnpm test` does.
 */
function dryRun(workspace: string, cache: string, extraEnv: NodeJS.ProcessEnv = {}): DryRun {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv, XDG_CACHE_HOME: cache, TURBO_TELEMETRY_DISABLED: "1" };
  delete env["K8S_GITOPS_SCHEMAS_DIR"];
  delete env[sharedDigestEnv];
  const output = execFileSync(process.execPath, [join(workspace, "scripts", "src", "ci", "turbo-run.mjs"), ...testTasks(), "--dry=json"], {
    cwd: workspace,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const parsed = JSON.parse(output) as { tasks: DryTask[]; globalCacheInputs: { environmentVariables: { passthrough: string[] | null } } };
  return {
    tasks: parsed.tasks.filter((task) => task.command !== "<NONEXISTENT>"),
    passedThrough: parsed.globalCacheInputs.environmentVariables.passthrough ?? [],
  };
}

/** The tasks whose hash differs between two dry runs, sorted. */
const rerun = (before: readonly DryTask[], after: readonly DryTask[]): string[] =>
  after.filter((task) => before.find((t) => t.taskId === task.taskId)?.hash !== task.hash).map((task) => task.taskId).sort();

const scratch = scratchDirs("k8s-gitops-turbo-inputs-");
let ws: { workspace: string; shared: string; cache: string };
let tasks: DryTask[];
let passedThrough: readonly string[];

beforeAll(() => {
  ws = scratchWorkspace(scratch.make());
  ({ tasks, passedThrough } = dryRun(ws.workspace, ws.cache, network));
});
afterAll(() => scratch.cleanup());

describe("turbo task inputs", () => {
  const task = (id: string): DryTask => {
    const found = tasks.find((t) => t.taskId === id);
    if (!found) throw new Error(`turbo has no task ${id}`);
    return found;
  };

  it("GIVEN the root manifest THEN it depends on no workspace package (turbo would hash every file of it into every task)", () => {
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    const specs = { ...manifest["dependencies"], ...manifest["devDependencies"] };
    expect(Object.entries(specs).filter(([, spec]) => spec.startsWith("workspace:"))).toEqual([]);
  });

  it("GIVEN core's and talos' tasks, scripts' unit tests and this test's own task THEN no input or dependency is in the source of components, clusters (or, for core and talos, scripts)", () => {
    const leaks = tasks
      .filter((t) => /^@k8s-gitops\/(core|talos)#|^@k8s-gitops\/scripts#test(:turbo)?$/.test(t.taskId))
      .flatMap((t) => {
        const foreign = t.taskId.startsWith("@k8s-gitops/scripts#") ? /^\.\.\/packages\/(components|clusters|talos)\/|^\.\.\/generated\// : /^\.\.\/(components|clusters)\/|^\.\.\/\.\.\/scripts\//;
        return [
          // The per-file result cache (scripts/src/ci/test-cache, not its tests) runs inside every
          // package's vitest, as vitest.shared.ts does, and tsc-build.mjs / tsc-check.mjs (with
          // tsc-inputs.mjs) are every package's build and typecheck scripts: inputs by design.
          ...Object.keys(t.inputs)
            .filter(
              (path) =>
                foreign.test(path) &&
                !path.endsWith("/inventory.yaml") &&
                // This test's verdict follows every package's manifest (turbo reads the graph from them).
                !(t.taskId.endsWith("#test:turbo") && /^\.\.\/packages\/[^/]+\/package\.json$/.test(path)) &&
                !/\/scripts\/src\/ci\/test-cache\/[^/]+(?<!\.test)\.ts$/.test(path) &&
                !(/#(build|typecheck)$/.test(t.taskId) && /\/scripts\/src\/ci\/tsc-(build|check|inputs)\.mjs$/.test(path)),
            )
            .map((path) => `${t.taskId} reads ${path}`),
          ...t.dependencies.filter((d) => !/^@k8s-gitops\/(core|talos)#/.test(d)).map((d) => `${t.taskId} waits for ${d}`),
        ];
      });
    expect(leaks).toEqual([]);
  });

  it("GIVEN a machine behind a proxy with its own CA THEN turbo passes those settings to every task without hashing them", () => {
    expect(passedThrough.map((entry) => entry.split("=")[0]).sort()).toEqual(expect.arrayContaining(Object.keys(network).sort()));
    const withoutProxy = dryRun(ws.workspace, ws.cache).tasks;
    expect(rerun(tasks, withoutProxy)).toEqual([]);
  });

  it("GIVEN the tests that read the root README THEN it is an input of their tasks", () => {
    expect(Object.keys(task("@k8s-gitops/clusters#test").inputs)).toContain("../../README.md");
    expect(Object.keys(task("@k8s-gitops/scripts#test:estate").inputs)).toContain("../README.md");
    expect(Object.keys(task("@k8s-gitops/scripts#test:turbo").inputs)).toContain("../README.md");
  });

  it("GIVEN every task that reads the shared schemas or chart archives THEN its hash includes their digest", () => {
    const readers = tasks.filter((t) => /#(test|test:slow|test:estate|check|verify)$/.test(t.taskId));
    expect(readers.length).toBeGreaterThan(6);
    expect(readers.filter((t) => !t.resolvedTaskDefinition.env.includes(sharedDigestEnv)).map((t) => t.taskId)).toEqual([]);
  });
});

// docs/ci.md, "Shared data: deleting a row, a schema or an archive": each deletion changes the hash
// of the tasks that read the file, so the next `pnpm test` runs them (and they fail) instead of
// replaying a green result from the cache.
describe("a deleted README row, schema file or chart archive", () => {
  const readers = (): string[] => tasks.filter((t) => /#(test|test:slow|test:estate|check|verify)$/.test(t.taskId)).map((t) => t.taskId).sort();
  let before: DryTask[];
  beforeAll(() => {
    before = tasks;
  });

  it("GIVEN a row of the README's IP table deleted THEN clusters#test, scripts#test:estate and this test's task rerun, and nothing else", () => {
    const readme = join(ws.workspace, "README.md");
    const lines = readFileSync(readme, "utf8").split("\n");
    const row = lines.findIndex((line) => /^\| 10\.\d+\.\d+\.\d+ /.test(line));
    expect(row).toBeGreaterThan(0);
    writeFileSync(readme, lines.filter((_, index) => index !== row).join("\n"));
    const after = dryRun(ws.workspace, ws.cache).tasks;
    expect(rerun(before, after)).toEqual(["@k8s-gitops/clusters#test", "@k8s-gitops/scripts#test:estate", "@k8s-gitops/scripts#test:turbo"]);
    before = after;
  });

  it.each([
    ["a schema file", () => rmSync(join(ws.shared, "schemas", "helm", "cert-manager", "v1.21.1", "values.schema.json"))],
    ["a chart archive", () => rmSync(join(ws.shared, "charts", "cilium", "cilium-1.20.0.tgz"))],
  ])("GIVEN %s deleted from ../shared THEN every task that reads shared data reruns, and no build, typecheck or lint", (_label, remove) => {
    remove();
    const after = dryRun(ws.workspace, ws.cache).tasks;
    expect(rerun(before, after)).toEqual(readers());
    before = after;
  });
});
