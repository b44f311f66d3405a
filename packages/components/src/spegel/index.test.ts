import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, spegel, type SpegelProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: SpegelProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [spegel(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("spegel", { dir: here, clusters: ["infra"], render: (c) => render(c), charts: [{ chart }] });

describe("spegel", () => {
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
});
