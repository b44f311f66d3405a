import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { loadInventories, renderEstate } from "@k8s-gitops/clusters";
import { validationWorkflowPath } from "@k8s-gitops/core/ci";
import { actionlint, formatActionlint } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@k8s-gitops/core/testing";

// This repository's own CI, and the workflow generated for the output when it is published as a
// repository of its own (`--git-path ""`: the only layout in which GitHub runs a workflow of the output).
const dir = join(repoRoot(), ".github/workflows");
const workflows = readdirSync(dir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => relative(repoRoot(), join(dir, name)));
const standalone = renderEstate(await loadInventories(), { gitPath: "" }).files.find((f) => f.path === validationWorkflowPath);

describe("GitHub workflows", () => {
  it("GIVEN the repository THEN it holds the CI workflow", () => {
    expect(workflows).toEqual(expect.arrayContaining([".github/workflows/ci.yaml"]));
  });

  it.each(workflows)("GIVEN %s THEN actionlint finds nothing to report", async (path) => {
    const text = readFileSync(join(repoRoot(), path), "utf8");
    expect(formatActionlint(path, await actionlint(text, path))).toEqual([]);
  });

  it("GIVEN the output rendered as its own repository THEN its validation workflow sits at the root's .github/workflows and actionlint finds nothing", async () => {
    expect(standalone?.path).toBe(".github/workflows/validate.yaml");
    expect(formatActionlint(standalone!.path, await actionlint(standalone!.content, standalone!.path))).toEqual([]);
  });
});
