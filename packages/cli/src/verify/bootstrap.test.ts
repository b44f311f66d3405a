import { committedOutput } from "@k8s-gitops/core/testing";
import { parse, parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";

// The estate's output as committed in generated/, which `pnpm generate --check` proves is the render
// of the current sources: this file imports no component, so the result cache replays it until the
// output changes.
const { files, clusters } = committedOutput();
const byPath = new Map(files.map((f) => [f.path, f.content]));
const docs = (path: string) => parseAllDocuments(byPath.get(path) ?? "").map((d) => d.toJS() as Record<string, any>);

interface Release {
  name: string;
  namespace: string;
  chart: string;
  version: string;
  needs?: string[];
  condition?: string;
}

const releases: Release[] = docs("bootstrap/helmfile.d/01-core.yaml").flatMap((d) => d?.releases ?? []);

/** The stage folder that holds the Flux HelmRelease `name` reconciled into `namespace` on `cluster`. */
function fluxStage(cluster: string, name: string, namespace: string): string | undefined {
  const ksFiles = files.filter((f) => new RegExp(`^kubernetes/[^/]+/${cluster}/.+/ks\\.yaml$`).test(f.path));
  for (const ks of ksFiles) {
    for (const k of docs(ks.path)) {
      const stage = String(k.spec.path).replace(/^\.\/generated\//, "");
      const hr = docs(`${stage}/helmrelease.yaml`)[0];
      if (hr?.metadata?.name === name && k.spec.targetNamespace === namespace) return stage;
    }
  }
  return undefined;
}

describe("bootstrap phase 1 and Flux agree", () => {
  it("GIVEN the rendered estate THEN phase 1 chains cilium first and flux-instance last", () => {
    expect(releases[0]?.name).toBe("cilium");
    expect(releases.at(-1)?.name).toBe("flux-instance");
    for (const [index, release] of releases.entries()) {
      if (index === 0) continue;
      expect(JSON.stringify(release.needs ?? []), release.name).toContain(releases[index - 1]!.name);
    }
  });

  for (const cluster of clusters) {
    it(`GIVEN cluster ${cluster} THEN every release equals its Flux HelmRelease in name, namespace, chart, version and values`, () => {
      const active = releases.filter((r) => {
        const values = parse(byPath.get(`bootstrap/clusters/${cluster}/${r.name}.yaml`) ?? "null");
        return values !== null || !r.condition;
      });
      expect(active.length).toBeGreaterThanOrEqual(7);
      for (const release of active) {
        const stage = fluxStage(cluster, release.name, release.namespace);
        expect(stage, `${cluster}: no Flux HelmRelease ${release.namespace}/${release.name}`).toBeDefined();
        const hr = docs(`${stage}/helmrelease.yaml`)[0]!;
        const source = docs(`${stage}/ocirepository.yaml`)[0];
        expect(source, `${release.name}: OCI source`).toBeDefined();
        expect(release.chart, release.name).toBe(source!.spec.url);
        // A per-cluster version would be a template switch; every core chart is pinned once.
        expect(release.version, release.name).toBe(source!.spec.ref.tag);
        const values = parse(byPath.get(`bootstrap/clusters/${cluster}/${release.name}.yaml`)!) ?? {};
        expect(values, `${cluster}/${release.name} values`).toEqual(hr.spec.values ?? {});
      }
    });
  }
});
