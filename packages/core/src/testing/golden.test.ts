import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { matchGolden } from "./golden.js";
import { scratchDirs } from "./scratch.js";

const scratch = scratchDirs("k8s-gitops-golden-");
afterEach(() => {
  vi.unstubAllEnvs();
  scratch.cleanup();
});

const rendered = [
  { path: "app/helmrelease.yaml", content: "kind: HelmRelease\n" },
  { path: "app/ks.yaml", content: "kind: Kustomization\ndependsOn: []\n" },
];

describe("matchGolden with coveredBy", () => {
  it("GIVEN a file without a golden copy that equals the committed tree THEN it matches", () => {
    const golden = scratch.withFiles({ "app/ks.yaml": "kind: Kustomization\ndependsOn: []\n" });
    const estate = scratch.withFiles({ "app/helmrelease.yaml": "kind: HelmRelease\n", "app/ks.yaml": "kind: Kustomization\ndependsOn: [a]\n" });
    expect(matchGolden(golden, rendered, { coveredBy: estate })).toBe("");
  });

  it("GIVEN a file without a golden copy that differs from the committed tree THEN the diff names both and the fixes", () => {
    const golden = scratch.withFiles({ "app/ks.yaml": "kind: Kustomization\ndependsOn: []\n" });
    const estate = scratch.withFiles({ "app/helmrelease.yaml": "kind: HelmRelease\nold: true\n" });
    const problems = matchGolden(golden, rendered, { coveredBy: estate });
    expect(problems).toContain("app/helmrelease.yaml has no golden copy and differs from");
    expect(problems).toContain("run `pnpm generate`");
    expect(problems).toContain("-old: true");
  });

  it("GIVEN a file in neither the golden folder nor the committed tree THEN it is a new file", () => {
    const golden = scratch.withFiles({ "app/ks.yaml": "kind: Kustomization\ndependsOn: []\n" });
    expect(matchGolden(golden, rendered, { coveredBy: scratch.make() })).toMatch(/^new file not in golden set: app\/helmrelease\.yaml/);
  });

  it("GIVEN a golden copy byte-identical to the committed tree THEN it is reported as redundant", () => {
    const same = { "app/helmrelease.yaml": "kind: HelmRelease\n", "app/ks.yaml": "kind: Kustomization\ndependsOn: []\n" };
    expect(matchGolden(scratch.withFiles(same), rendered, { coveredBy: scratch.withFiles(same) })).toContain("golden file app/helmrelease.yaml repeats");
  });

  it("GIVEN UPDATE_GOLDEN=1 THEN only the files the committed tree does not hold identically are written", () => {
    vi.stubEnv("UPDATE_GOLDEN", "1");
    const golden = join(scratch.make(), "golden");
    const estate = scratch.withFiles({ "app/helmrelease.yaml": "kind: HelmRelease\n" });
    expect(matchGolden(golden, rendered, { coveredBy: estate })).toBe("");
    expect(readdirSync(join(golden, "app"))).toEqual(["ks.yaml"]);
  });
});
