import { describe, expect, it } from "vitest";
import { useFixtureCharts } from "./helm-test-support.js";
import { canVerify, minimalTree, verifyFiles } from "./test-support.js";

describe.skipIf(!canVerify())("verifyTree on the minimal tree", () => {
  it("GIVEN the minimal tree THEN there is no problem and every count is filled", async () => {
    const { report, lines } = await verifyFiles(minimalTree());
    expect(lines).toEqual([]);
    expect(report.counts).toMatchObject({ clusters: 1, kustomizations: 4, fluxPaths: 2, talosDocuments: 1, helmValuesChecked: 1 });
    expect(report.counts.documents).toBeGreaterThan(report.counts.uniqueDocuments);
  });
});

describe.skipIf(!canVerify())("verifyTree with Helm rendering", () => {
  const charts = useFixtureCharts("plain", "broken");

  /** The minimal tree with its HelmRelease pointed at a fixture chart. */
  const treeWith = (chart: string, values: string): Record<string, string> => {
    const files = minimalTree();
    files["kubernetes/apps/demo/web/app/ocirepository.yaml"] = files["kubernetes/apps/demo/web/app/ocirepository.yaml"]!.replace("v1.21.1", "1.0.0").replace(
      "oci://quay.io/jetstack/charts/cert-manager",
      `oci://registry.example.net/charts/${chart}`,
    );
    files["kubernetes/apps/demo/web/app/helmrelease.yaml"] = files["kubernetes/apps/demo/web/app/helmrelease.yaml"]!.replace(
      "    replicaCount: 2\n    podDisruptionBudget:\n      enabled: true\n",
      values,
    );
    return files;
  };
  const options = () => ({ render: true, renderCache: null, helm: charts.helm, chartRoots: [charts.root], kubeVersions: new Map([["demo", "v1.35.4"]]) });

  it("GIVEN a chart that renders a Deployment breaking its schema THEN the strict schema check names the release, chart and object", async () => {
    const { lines } = await verifyFiles(treeWith("broken", "    replicas: three\n"), options());
    expect(lines).toEqual([
      "schema: kubernetes/apps/demo/web/app/helmrelease.yaml: HelmRelease web/cert-manager (chart broken 1.0.0) renders Deployment web/cert-manager: /spec/replicas: must be integer,null (got \"three\")",
    ]);
  });

  it("GIVEN a chart and values that render cleanly THEN the release is rendered, its objects validated and its values proven", async () => {
    const { report, lines } = await verifyFiles(treeWith("plain", '    image:\n      tag: "2.0"\n'), options());
    expect(lines).toEqual([]);
    expect(report.counts).toMatchObject({ releasesRendered: 1, renderedObjects: 2, releasesSkipped: [], valuesMatter: { checked: 1, proven: 1 } });
  });
});
