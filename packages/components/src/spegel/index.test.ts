import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, hasKubectl, helmReleaseValues, kustomizeBuild, matchGolden, materialize, strictProblems } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { spegel, type SpegelProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: SpegelProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [spegel(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describe("spegel", () => {
  it("GIVEN the infra inventory THEN the render matches the golden files", () => {
    expect(matchGolden(join(here, "__golden__", "infra"), render("infra"))).toBe("");
  });

  it("GIVEN the default render THEN every document passes strict schema validation", () => {
    expect(strictProblems(render("infra"))).toEqual([]);
  });

  it("GIVEN both clusters THEN the values are the same: nothing comes from the inventory", () => {
    expect(releaseValues(render("apps"))).toEqual(releaseValues(render("infra")));
  });

  it("GIVEN Talos nodes THEN Spegel writes mirrors where Talos' containerd reads them and serves on host port 29999", () => {
    const values = releaseValues(render("infra"));
    expect(values.spegel).toEqual({ containerdRegistryConfigPath: "/etc/cri/conf.d/hosts", containerdSock: "/run/containerd/containerd.sock" });
    expect(values.service.registry.hostPort).toBe(29999);
    expect(values.serviceMonitor).toEqual({ enabled: true });
  });

  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const values = releaseValues(render("infra", { values: { spegel: { mirroredRegistries: ["https://ghcr.io"] } } }));
    expect(values.spegel).toEqual({
      containerdRegistryConfigPath: "/etc/cri/conf.d/hosts",
      containerdSock: "/run/containerd/containerd.sock",
      mirroredRegistries: ["https://ghcr.io"],
    });
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
