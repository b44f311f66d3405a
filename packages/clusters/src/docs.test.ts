import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clusterScope, type GeneratedFile } from "@k8s-gitops/core";
import { docsLayout } from "@k8s-gitops/core/docs";
import { flowchartShape, mermaidBlocks, parseFlowchart, parseWithMermaid } from "@k8s-gitops/core/docs/testing";
import { committedOutput, documentsOfKind } from "@k8s-gitops/core/testing";
import { describe, expect, it } from "vitest";

interface Graph {
  readonly nodes: string[];
  readonly edges: string[];
}

const isFluxKustomization = (doc: { apiVersion?: unknown; kind?: unknown }) =>
  doc.kind === "Kustomization" && String(doc.apiVersion).startsWith("kustomize.toolkit.fluxcd.io/");

/** The Flux Kustomizations of the `ks.yaml` files and every `dependsOn` of the cluster's documents. */
function renderedGraph(files: readonly GeneratedFile[]): Graph {
  const id = (namespace: string, name: string) => `${namespace}/${name}`;
  const ks = documentsOfKind(files.filter((f) => f.path.endsWith("/ks.yaml")), "Kustomization").filter(isFluxKustomization);
  const all = documentsOfKind(files, "Kustomization").filter(isFluxKustomization);
  return {
    nodes: ks.map((doc) => id(doc.metadata.namespace, doc.metadata.name)).sort(),
    edges: all
      .flatMap((doc) =>
        (doc.spec.dependsOn ?? []).map(
          (dep: { name: string; namespace?: string }) => `${id(dep.namespace ?? doc.metadata.namespace, dep.name)} -> ${id(doc.metadata.namespace, doc.metadata.name)}`,
        ),
      )
      .sort(),
  };
}

/** The Flux dependency graph as drawn in the cluster's page. */
function drawnGraph(page: string): Graph {
  const [block] = mermaidBlocks(page.slice(page.indexOf("## Flux dependency graph")));
  const chart = parseFlowchart(block!);
  const label = (node: string) => chart.nodes.get(node)!.join("");
  return {
    nodes: [...chart.nodes.keys()].map(label).sort(),
    edges: chart.edges.map((edge) => `${label(edge.from)} -> ${label(edge.to)}`).sort(),
  };
}

// The pages and the Flux trees they describe are read from generated/, which `pnpm generate --check`
// proves is the render of the current sources: this file imports no component, so the result cache
// replays it until the output changes (clusters#test has generated/ among its inputs).
describe("generated documentation of the estate", () => {
  const estate = committedOutput();
  const page = (path: string) => estate.files.find((f) => f.path === path)?.content ?? "";

  it("GIVEN each cluster THEN the arrows of its Flux diagram are exactly the dependsOn of its rendered Flux Kustomizations", () => {
    for (const cluster of estate.clusters) {
      const rendered = renderedGraph(estate.files.filter((f) => f.scope === clusterScope(cluster) && f.path.startsWith("kubernetes/")));
      expect(rendered.edges.length, cluster).toBeGreaterThan(10);
      expect(drawnGraph(page(docsLayout.cluster(cluster))), cluster).toEqual(rendered);
    }
  });

  it("GIVEN each cluster THEN its page lists every HelmRelease of its Flux tree (and of the shared bases it includes)", () => {
    for (const cluster of estate.clusters) {
      const doc = page(docsLayout.cluster(cluster));
      const components = doc.slice(doc.indexOf("## Components"), doc.indexOf("## Flux dependency graph"));
      const entries = estate.files.filter((f) => f.path.startsWith(`kubernetes/`) && (f.scope === clusterScope(cluster) || f.path.startsWith("kubernetes/bases/")));
      const bases = new Set(
        entries.filter((f) => f.scope === clusterScope(cluster) && f.path.endsWith("/kustomization.yaml")).flatMap((f) => [...f.content.matchAll(/bases\/([^/\s]+)/g)].map((m) => m[1]!)),
      );
      const mine = entries.filter((f) => f.scope === clusterScope(cluster) || bases.has(f.path.split("/")[2]!));
      const releases = documentsOfKind(mine, "HelmRelease");
      expect(releases.length, cluster).toBeGreaterThan(10);
      for (const hr of releases) expect(components, `${cluster}: HelmRelease ${hr.metadata.name}`).toMatch(new RegExp(`\\| \`${hr.metadata.name}\` \\|`));
    }
  });

  it("GIVEN every page THEN each Mermaid block is a well-formed flowchart that Mermaid itself reads the same way", async () => {
    const pages = estate.files.filter((f) => f.path.endsWith(".md"));
    const blocks = pages.flatMap((f) => mermaidBlocks(f.content).map((block) => ({ path: f.path, block })));
    // The estate page, and per cluster its page, its entry README and its network flows page.
    expect(blocks).toHaveLength(1 + 3 * estate.clusters.length);
    for (const { path, block } of blocks) expect(flowchartShape(await parseWithMermaid(block)), path).toEqual(flowchartShape(parseFlowchart(block)));
  });

  it("GIVEN the root README THEN it links to the generated documentation, and the pages exist", () => {
    const readme = readFileSync(fileURLToPath(new URL("../../../README.md", import.meta.url)), "utf8");
    expect(readme).toContain("(generated/docs/README.md)");
    expect(estate.files.map((f) => f.path)).toContain(docsLayout.index);
    for (const cluster of estate.clusters) expect(page(docsLayout.cluster(cluster))).toContain(`# Cluster ${cluster}`);
  });
});
