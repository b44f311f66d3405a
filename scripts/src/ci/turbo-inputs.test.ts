import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "@k8s-gitops/core/schemas";
import { describe, expect, it } from "vitest";
import { sharedDigestEnv } from "./shared-data.mjs";

const root = findRepoRoot(import.meta.dirname) ?? "";

interface DryTask {
  readonly taskId: string;
  readonly command: string;
  readonly inputs: Record<string, string>;
  readonly dependencies: readonly string[];
  readonly resolvedTaskDefinition: { readonly env: readonly string[] };
}

/** `turbo run <pnpm test's tasks> --dry=json`: the inputs and dependencies turbo hashes per task. */
function dryRun(): DryTask[] {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const tasks = manifest.scripts["test"]?.split("turbo-run.mjs ")[1]?.split(" ") ?? [];
  expect(tasks).toContain("test");
  const output = execFileSync(join(root, "node_modules", ".bin", "turbo"), ["run", ...tasks, "--dry=json"], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  return (JSON.parse(output) as { tasks: DryTask[] }).tasks.filter((task) => task.command !== "<NONEXISTENT>");
}

describe("turbo task inputs", () => {
  const tasks = dryRun();
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

  it("GIVEN core's and talos' tasks THEN no input or dependency is in the source of components, clusters or scripts", () => {
    const leaks = tasks
      .filter((t) => /^@k8s-gitops\/(core|talos)#/.test(t.taskId))
      .flatMap((t) => [
        ...Object.keys(t.inputs).filter((path) => /^\.\.\/(components|clusters)\/|^\.\.\/\.\.\/scripts\//.test(path) && !path.endsWith("/inventory.yaml")).map((path) => `${t.taskId} reads ${path}`),
        ...t.dependencies.filter((d) => !/^@k8s-gitops\/(core|talos)#/.test(d)).map((d) => `${t.taskId} waits for ${d}`),
      ]);
    expect(leaks).toEqual([]);
  });

  it("GIVEN the tests that read the root README THEN it is an input of their tasks", () => {
    expect(Object.keys(task("@k8s-gitops/clusters#test").inputs)).toContain("../../README.md");
  });

  it("GIVEN every task that reads the shared schemas or chart archives THEN its hash includes their digest", () => {
    const readers = tasks.filter((t) => /#(test|test:slow|check|verify)$/.test(t.taskId));
    expect(readers.length).toBeGreaterThan(6);
    expect(readers.filter((t) => !t.resolvedTaskDefinition.env.includes(sharedDigestEnv)).map((t) => t.taskId)).toEqual([]);
  });
});
