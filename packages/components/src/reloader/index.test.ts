import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, hasKubectl, helmReleaseValues, kustomizeBuild, matchGolden, materialize, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { reloader, type ReloaderProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: ReloaderProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [reloader(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describe("reloader", () => {
  it("GIVEN the infra inventory THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"))).toBe("");
  });

  it("GIVEN the default render THEN every document passes strict schema validation", () => {
    expect(strictProblems(render("infra"))).toEqual([]);
  });

  it("GIVEN both clusters THEN the values are the same: nothing comes from the inventory", () => {
    expect(releaseValues(render("apps"))).toEqual(releaseValues(render("infra")));
  });

  it("GIVEN the default values THEN Reloader runs read-only and is scraped through its PodMonitor", () => {
    const values = releaseValues(render("infra"));
    expect(values.reloader).toEqual({ readOnlyRootFileSystem: true, podMonitor: { enabled: true } });
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render("infra", { values: { reloader: { podMonitor: { interval: "30s" }, reloadOnCreate: true } } }));
    expect(values.reloader).toEqual({ readOnlyRootFileSystem: true, reloadOnCreate: true, podMonitor: { enabled: true, interval: "30s" } });
    expect(values.fullnameOverride).toBe("reloader");
  });

  it.skipIf(!hasKubectl() && !process.env.CI)("GIVEN the render THEN every kustomization builds with kubectl kustomize", () => {
    const files = render("infra");
    const { dir, cleanup } = materialize(files);
    try {
      for (const f of files.filter((file) => file.path.endsWith("kustomization.yaml"))) {
        expect(() => kustomizeBuild(join(dir, dirname(f.path)))).not.toThrow();
      }
    } finally {
      cleanup();
    }
  });
});
