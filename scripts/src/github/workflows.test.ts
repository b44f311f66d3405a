import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { actionlint, formatActionlint } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { defaultOutDir, repoRoot } from "../cli/repo.js";

// This repository's own CI and the workflow generated for the GitOps repository (committed output).
const folders = [join(repoRoot(), ".github/workflows"), join(defaultOutDir(), ".github/workflows")];
const workflows = folders.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => relative(repoRoot(), join(dir, name))),
);

describe("GitHub workflows", () => {
  it("GIVEN both folders THEN they hold the CI workflow and the generated validation workflow", () => {
    expect(workflows).toEqual(expect.arrayContaining([".github/workflows/ci.yaml", "generated/.github/workflows/validate.yaml"]));
  });

  it.each(workflows)("GIVEN %s THEN actionlint finds nothing to report", async (path) => {
    const text = readFileSync(join(repoRoot(), path), "utf8");
    expect(formatActionlint(path, await actionlint(text, path))).toEqual([]);
  });
});
