import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext, helmReleaseValues } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, reloader, type ReloaderProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (cluster: "infra" | "apps", props: ReloaderProps = {}): GeneratedFile[] =>
  renderCluster({ name: cluster, components: [reloader(fixtureContext(cluster), props)] });
const releaseValues = (files: GeneratedFile[]) => helmReleaseValues(files);

describeChartComponent("reloader", { dir: here, clusters: ["infra"], render: (c) => render(c), charts: [{ chart }] });

describe("reloader", () => {
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
});
