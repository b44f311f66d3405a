import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDirs } from "./kustomize.js";
import { buildCacheKey, buildInputs } from "@k8s-gitops/core/kustomize";
import type { TreeFile } from "./tree.js";

/** An overlay using a base two folders up, a component and a patch file, plus an unrelated app. */
const tree = (baseConfig = "kind: ConfigMap\nmetadata:\n  name: base\n"): TreeFile[] =>
  [
    { path: "kubernetes/base/kustomization.yaml", content: "resources:\n  - ./config.yaml\n" },
    { path: "kubernetes/base/config.yaml", content: baseConfig },
    { path: "kubernetes/components/c/kustomization.yaml", content: "kind: Component\nresources:\n  - ./extra.yaml\n" },
    { path: "kubernetes/components/c/extra.yaml", content: "kind: Secret\n" },
    { path: "kubernetes/shared/patch.yaml", content: "kind: ConfigMap\n" },
    { path: "kubernetes/shared/app.properties", content: "a=b\n" },
    {
      path: "kubernetes/apps/web/kustomization.yaml",
      content: "resources:\n  - ../../base\ncomponents:\n  - ../../components/c\npatches:\n  - path: ../../shared/patch.yaml\nlabels:\n  - pairs:\n      app: web\nconfigMapGenerator:\n  - name: app\n    files:\n      - app.properties=../../shared/app.properties\n",
    },
    { path: "kubernetes/apps/web/sub/file.txt", content: "x" },
    { path: "kubernetes/apps/other/kustomization.yaml", content: "resources:\n  - ./cm.yaml\n" },
    { path: "kubernetes/apps/other/cm.yaml", content: "kind: ConfigMap\n" },
  ].sort((a, b) => (a.path < b.path ? -1 : 1));

describe("buildInputs", () => {
  it("GIVEN an overlay THEN its inputs are its folder, and every base, component, patch and generator file it references, recursively", () => {
    expect(buildInputs(tree(), "kubernetes/apps/web")).toEqual([
      "kubernetes/apps/web/kustomization.yaml",
      "kubernetes/apps/web/sub/file.txt",
      "kubernetes/base/config.yaml",
      "kubernetes/base/kustomization.yaml",
      "kubernetes/components/c/extra.yaml",
      "kubernetes/components/c/kustomization.yaml",
      "kubernetes/shared/app.properties",
      "kubernetes/shared/patch.yaml",
    ]);
  });

  it("GIVEN a kustomization with a remote resource or a path outside the tree THEN the build is not cacheable", () => {
    const remote = [{ path: "kubernetes/a/kustomization.yaml", content: "resources:\n  - https://example.com/x.yaml\n" }];
    const outside = [{ path: "kubernetes/a/kustomization.yaml", content: "resources:\n  - ../../../elsewhere\n" }];
    expect([buildInputs(remote, "kubernetes/a"), buildInputs(outside, "kubernetes/a")]).toEqual([undefined, undefined]);
  });

  it("GIVEN one byte of a base changed THEN the key of the folder using it changes, and an unrelated folder's does not", () => {
    const changed = tree("kind: ConfigMap\nmetadata:\n  name: basf\n");
    expect(buildCacheKey(changed, "kubernetes/apps/web", "v1")).not.toBe(buildCacheKey(tree(), "kubernetes/apps/web", "v1"));
    expect(buildCacheKey(changed, "kubernetes/apps/other", "v1")).toBe(buildCacheKey(tree(), "kubernetes/apps/other", "v1"));
    expect(buildCacheKey(tree(), "kubernetes/apps/other", "v2")).not.toBe(buildCacheKey(tree(), "kubernetes/apps/other", "v1"));
  });
});

describe("buildDirs with a cache", () => {
  it("GIVEN a tree built once THEN an unchanged folder is not built again, and one byte changed in its base builds it again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-kustomize-cache-"));
    try {
      const built: string[] = [];
      const build = async (absoluteDir: string): Promise<string> => {
        built.push(absoluteDir.replace("/root/", ""));
        return `kind: ConfigMap\nmetadata:\n  name: built-${built.length}\n`;
      };
      const dirs = ["kubernetes/apps/other", "kubernetes/apps/web"];
      const run = (files: TreeFile[]) => buildDirs("/root", dirs, { build, cache: { dir, files, toolVersion: "v1" } });
      const first = await run(tree());
      const again = await run(tree());
      expect(again).toEqual(first.map((result) => ({ ...result, cached: true })));
      const changed = await run(tree("kind: ConfigMap\nmetadata:\n  name: basf\n"));
      expect(built).toEqual([...dirs, "kubernetes/apps/web"]);
      expect(changed.map((result) => result.cached ?? false)).toEqual([true, false]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
