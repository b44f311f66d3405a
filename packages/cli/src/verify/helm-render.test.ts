import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crdApiVersions } from "./api-versions.js";
import { flattenLists, parseRendered, parseRenderedWith, renderReleases, templateArgs } from "./helm-render.js";
import { fixtureOptions, fixtureRelease, useFixtureCharts } from "./helm-test-support.js";
import { at, kindOf, nameOf } from "./objects.js";

const charts = useFixtureCharts("plain");

const kinds = (objects: readonly unknown[]): string[] => objects.map((o) => `${kindOf(o)} ${nameOf(o)}`);

describe("renderReleases", () => {
  it("GIVEN a release of a packaged chart THEN it is rendered with helm into parsed objects in the release namespace", async () => {
    const [result] = await renderReleases([fixtureRelease("plain", { replicas: 3 })], fixtureOptions(charts.root, charts.helm));
    expect(result?.status).toBe("rendered");
    if (result?.status !== "rendered") return;
    expect(kinds(result.objects)).toEqual(["Deployment plain", "Deployment plain-jobservice"]);
    expect(at(result.objects[0], "spec", "replicas")).toBe(3);
    expect(at(result.objects[0], "metadata", "namespace")).toBe("web");
  });

  it("GIVEN the cluster serves the ServiceMonitor kind THEN the chart renders its ServiceMonitor, and not without it", async () => {
    const release = fixtureRelease("plain", { metrics: { enabled: true } });
    const apiVersions = new Map([["demo", ["monitoring.coreos.com/v1", "monitoring.coreos.com/v1/ServiceMonitor"]]]);
    const [without] = await renderReleases([release], fixtureOptions(charts.root, charts.helm));
    const [withCrd] = await renderReleases([release], fixtureOptions(charts.root, charts.helm, { apiVersions }));
    expect(without?.status === "rendered" && kinds(without.objects)).toEqual(["Deployment plain", "Deployment plain-jobservice"]);
    expect(withCrd?.status === "rendered" && kinds(withCrd.objects)).toEqual(["Deployment plain", "Deployment plain-jobservice", "ServiceMonitor plain"]);
  });

  it("GIVEN a chart version with no archive THEN the release fails with a helm-render problem naming file, release, chart, version and folder", async () => {
    const release = fixtureRelease("plain", {}, { ref: { chart: "plain", version: "9.9.9", repository: "oci://registry.example.net/charts/plain" } });
    const [result] = await renderReleases([release], fixtureOptions(charts.root, charts.helm));
    expect(result?.status === "failed" && result.problem).toEqual({
      check: "helm-render",
      file: "kubernetes/apps/demo/web/plain/helmrelease.yaml",
      message: `HelmRelease web/plain: chart plain 9.9.9: no archive plain/plain-9.9.9.tgz in ${charts.root} (versions there: 1.0.0); pin a released version, or run \`k8s-gitops fetch charts\``,
    });
  });

  it("GIVEN a chart on the offline-unavailable list THEN the release is skipped with the reason", async () => {
    const release = fixtureRelease("openebs", {}, { ref: { chart: "openebs", version: "4.4.0", repository: "https://openebs.github.io/openebs" } });
    const [result] = await renderReleases([release], fixtureOptions(charts.root, charts.helm));
    expect(result?.status === "skipped" && result.reason).toBe(
      "chart openebs 4.4.0 cannot be rendered offline: its source at the pinned version and its dependency charts are not available offline",
    );
  });

  it("GIVEN Flux post-renderers and origin labels THEN the kustomize patch and the labels are applied to the rendered objects", async () => {
    const patch = { target: { kind: "Deployment", name: "plain" }, patch: "- op: replace\n  path: /spec/replicas\n  value: 5\n" };
    const release = fixtureRelease("plain", {}, { postRenderers: [{ kustomize: { patches: [patch] } }], originLabels: { "helm.toolkit.fluxcd.io/name": "plain" } });
    const [result] = await renderReleases([release], fixtureOptions(charts.root, charts.helm));
    expect(result?.status === "rendered" && result.objects.map((o) => [at(o, "spec", "replicas"), at(o, "metadata", "labels", "helm.toolkit.fluxcd.io/name")])).toEqual([
      [5, "plain"],
      [1, "plain"],
    ]);
  });

  it("GIVEN a render cache WHEN the same release is rendered again THEN it comes from the cache with the same objects", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "k8s-gitops-render-cache-"));
    try {
      const options = fixtureOptions(charts.root, charts.helm, { cacheDir });
      const [first] = await renderReleases([fixtureRelease("plain")], options);
      const [second] = await renderReleases([fixtureRelease("plain")], options);
      const [changed] = await renderReleases([fixtureRelease("plain", { replicas: 2 })], options);
      expect([first?.status === "rendered" && first.cached, second?.status === "rendered" && second.cached, changed?.status === "rendered" && changed.cached]).toEqual([false, true, false]);
      expect(second?.status === "rendered" && second.objects).toEqual(first?.status === "rendered" && first.objects);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});

describe("templateArgs", () => {
  it("GIVEN a release THEN helm template gets its name, namespace, kube version, sorted API versions, CRDs and no tests", () => {
    expect(templateArgs(fixtureRelease("plain"), "/c/plain-1.0.0.tgz", "v1.35.4", ["b/v1", "a/v1"])).toEqual([
      "template",
      "plain",
      "/c/plain-1.0.0.tgz",
      "--namespace",
      "web",
      "--kube-version",
      "v1.35.4",
      "--skip-tests",
      "--api-versions",
      "a/v1,b/v1",
      "--include-crds",
    ]);
  });
});

describe("flattenLists and crdApiVersions", () => {
  it("GIVEN a ConfigMapList THEN its items are the objects, as Helm applies them", () => {
    const item = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" } };
    expect(flattenLists([{ apiVersion: "v1", kind: "ConfigMapList", items: [item] }])).toEqual([item]);
  });

  it("GIVEN a CRD with a served and an unserved version THEN only the served one is an API version, with and without its kind", () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      spec: { group: "example.net", names: { kind: "Widget" }, versions: [{ name: "v1" }, { name: "v1beta1", served: false }] },
    };
    expect(crdApiVersions([crd])).toEqual(["example.net/v1", "example.net/v1/Widget"]);
  });
});

describe("parseRenderedWith", () => {
  const text = (replicas: number): string =>
    [
      "---",
      "# Source: demo/templates/config.yaml",
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata: { name: demo }",
      "data:",
      "  script: |",
      "    ---",
      "    echo not a document start",
      "--- # a second document on the marker's line comment",
      "kind: Secret",
      "---",
      "",
      "---",
      "# Source: demo/templates/deployment.yaml",
      "kind: Deployment",
      `spec: { replicas: ${replicas} }`,
      "",
    ].join("\n");

  it("GIVEN helm output with comments, an indented --- in a block scalar and an empty document THEN it parses to what the whole text parses to", () => {
    expect(parseRenderedWith(text(2), new Map())).toEqual(parseRendered(text(2)));
  });

  it("GIVEN a second text with one document changed THEN only that document is parsed again, and the result equals a whole parse", () => {
    const memo = new Map<string, unknown[]>();
    const first = parseRenderedWith(text(2), memo);
    const pieces = memo.size;
    const second = parseRenderedWith(text(3), memo);
    expect(second).toEqual(parseRendered(text(3)));
    expect(memo.size).toBe(pieces + 1);
    expect(second[0]).toBe(first[0]);
  });

  it("GIVEN a text with a document end marker THEN it is parsed whole, and invalid YAML still throws", () => {
    const memo = new Map<string, unknown[]>();
    expect(parseRenderedWith("a: 1\n...\n---\nb: 2\n", memo)).toEqual([{ a: 1 }, { b: 2 }]);
    expect(memo.size).toBe(0);
    expect(() => parseRenderedWith("---\na: [1\n", memo)).toThrow(/^helm printed invalid YAML/);
  });
});

describe("renderReleases of releases running the same helm command", () => {
  it("GIVEN a Flux release and a helmfile release of one chart with equal values in another key order THEN helm runs once and each gets its own labels", async () => {
    const dir = mkdtempSync(join(tmpdir(), "k8s-gitops-helm-count-"));
    try {
      // A helm that records each run, so the test sees how many processes were started.
      const counting = join(dir, "helm");
      writeFileSync(counting, `#!/bin/sh\necho run >> ${join(dir, "runs")}\nexec ${charts.helm.path} "$@"\n`);
      chmodSync(counting, 0o755);
      const labels = { "helm.toolkit.fluxcd.io/name": "plain", "helm.toolkit.fluxcd.io/namespace": "web" };
      const flux = fixtureRelease("plain", { replicas: 3, image: { tag: "2.0" } }, { originLabels: labels });
      const helmfile = fixtureRelease("plain", { image: { tag: "2.0" }, replicas: 3 }, { subject: "helmfile release plain (demo)" });
      const results = await renderReleases([flux, helmfile], fixtureOptions(charts.root, { ...charts.helm, path: counting }));
      expect(readFileSync(join(dir, "runs"), "utf8")).toBe("run\n");
      const [withLabels, without] = results.map((r) => (r.status === "rendered" ? r.objects : []));
      expect(at(withLabels?.[0], "metadata", "labels", "helm.toolkit.fluxcd.io/name")).toBe("plain");
      expect(at(without?.[0], "metadata", "labels", "helm.toolkit.fluxcd.io/name")).toBeUndefined();
      expect(at(without?.[0], "spec", "replicas")).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
