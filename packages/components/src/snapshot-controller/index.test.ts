import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCluster, type GeneratedFile } from "@k8s-gitops/core";
import { fixtureContext } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";
import { ofKind } from "../rook-ceph/testing/support.js";
import { describeChartComponent } from "../testing/chart-contract.js";
import { chart, snapshotController, type SnapshotControllerProps } from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));
const render = (props: SnapshotControllerProps = {}): GeneratedFile[] =>
  renderCluster({ name: "infra", components: [snapshotController(fixtureContext("infra"), props)] });
const values = (files: GeneratedFile[]) => ofKind(files, "HelmRelease")[0]!.spec.values;

describeChartComponent("snapshotController", { dir: here, clusters: ["infra"], render: () => render(), charts: [{ chart }] });

describe("snapshotController", () => {
  it("GIVEN a values override THEN sibling defaults are kept", () => {
    const controller = values(render({ values: { controller: { replicaCount: 3 } } })).controller;
    expect(controller).toEqual({ ...values(render()).controller, replicaCount: 3 });
    expect(controller.serviceMonitor).toEqual({ create: true });
  });

  it("GIVEN the release THEN it creates and replaces the snapshot CRDs it ships", () => {
    const release = ofKind(render(), "HelmRelease")[0]!;
    expect(release.spec.install.crds).toBe("CreateReplace");
    expect(release.spec.upgrade.crds).toBe("CreateReplace");
  });
});
