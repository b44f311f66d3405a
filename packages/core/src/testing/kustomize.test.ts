import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { foldersToBuild, kubectlRequired, kustomizeFailuresOf } from "./kustomize.js";
import { scratchDirs } from "./scratch.js";

const scratch = scratchDirs("k8s-gitops-kustomize-covered-");
afterEach(() => scratch.cleanup());

const kustomization = (...resources: string[]): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}\n`).join("")}`;

/** A component's render: an app folder using a shared base outside it, and the aggregate listing its ks.yaml. */
const render = {
  "kubernetes/apps/web/kustomization.yaml": kustomization("app/ks.yaml"),
  "kubernetes/apps/web/app/ks.yaml": "kind: Kustomization\n",
  "kubernetes/apps/web/app/kustomization.yaml": kustomization("deployment.yaml", "../../base"),
  "kubernetes/apps/web/app/deployment.yaml": "kind: Deployment\n",
  "kubernetes/apps/base/kustomization.yaml": kustomization("configmap.yaml"),
  "kubernetes/apps/base/configmap.yaml": "kind: ConfigMap\n",
};
const files = (tree: Record<string, string>) => Object.entries(tree).map(([path, content]) => ({ path, content }));

describe("foldersToBuild", () => {
  it("GIVEN no committed tree THEN every folder with a kustomization.yaml is built", () => {
    expect(foldersToBuild(files(render)).sort()).toEqual(["kubernetes/apps/base", "kubernetes/apps/web", "kubernetes/apps/web/app"]);
  });

  it("GIVEN a committed tree with the same inputs for a folder THEN that folder is not built again, and the others are", () => {
    const committed = scratch.withFiles({ ...render, "kubernetes/apps/web/kustomization.yaml": kustomization("app/ks.yaml", "other/ks.yaml") });
    expect(foldersToBuild(files(render), { coveredBy: committed }).sort()).toEqual(["kubernetes/apps/web"]);
  });

  it.each([
    ["a file the folder reads through ../../base differs", { "kubernetes/apps/base/configmap.yaml": "kind: ConfigMap\ndata: {}\n" }],
    ["the committed folder holds one more file", { "kubernetes/apps/web/app/extra.yaml": "kind: Service\n" }],
  ])("GIVEN a committed tree in which %s THEN the folder is built", (_label, change) => {
    const committed = scratch.withFiles({ ...render, ...change });
    expect(foldersToBuild(files(render), { coveredBy: committed })).toContain("kubernetes/apps/web/app");
  });

  it("GIVEN a folder outside kubernetes/ (which pnpm verify does not build) THEN it is built even when the committed copy is identical", () => {
    const tree = { "bootstrap/kustomization.yaml": kustomization("a.yaml"), "bootstrap/a.yaml": "kind: ConfigMap\n" };
    expect(foldersToBuild(files(tree), { coveredBy: scratch.withFiles(tree) })).toEqual(["bootstrap"]);
  });
});

describe("kustomizeFailuresOf and the kustomize build cache", () => {
  const app = {
    "kubernetes/app/kustomization.yaml": kustomization("configmap.yaml"),
    "kubernetes/app/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n",
    "kubernetes/broken/kustomization.yaml": kustomization("missing.yaml"),
  };
  const entries = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).filter((path) => path.endsWith(".json"));

  it.runIf(kubectlRequired())("GIVEN a folder that built THEN its build is stored and kubectl is not run for it again; a failing folder is never stored; a changed byte builds again", () => {
    const cacheDir = scratch.make();
    const first = kustomizeFailuresOf(files(app), { cacheDir });
    expect(first).toEqual([expect.stringMatching(/^kubernetes\/broken: .*missing\.yaml/)]);
    expect(entries(cacheDir)).toHaveLength(1);

    const path = process.env["PATH"];
    process.env["PATH"] = scratch.make();
    try {
      // Without kubectl on PATH, only a folder that is not in the cache can fail.
      expect(kustomizeFailuresOf(files(app), { cacheDir })).toEqual([expect.stringMatching(/^kubernetes\/broken: /)]);
      const changed = { ...app, "kubernetes/app/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app2\n" };
      expect(kustomizeFailuresOf(files(changed), { cacheDir })).toEqual([expect.stringMatching(/^kubernetes\/app: /), expect.stringMatching(/^kubernetes\/broken: /)]);
      expect(kustomizeFailuresOf(files(app), { cacheDir: null })).toHaveLength(2);
    } finally {
      process.env["PATH"] = path;
    }
  });
});
