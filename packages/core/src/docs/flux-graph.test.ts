import { ConfigMap } from "kubernetes-models/v1";
import { describe, expect, it } from "vitest";
import { defineComponent } from "../component/index.js";
import { renderCluster } from "../render/index.js";
import { documentsOfKind } from "../testing/index.js";
import { fixtureClusters } from "./__fixtures__/clusters.js";
import { fluxGraph } from "./flux-graph.js";
import { docsLayout, renderDocs } from "./index.js";
import { mermaidBlocks, parseFlowchart } from "./testing/index.js";

/** `namespace/name -> namespace/name` for every dependsOn of the rendered Flux Kustomizations. */
function renderedDependsOn(files: ReturnType<typeof renderCluster>): { nodes: string[]; edges: string[] } {
  const kustomizations = documentsOfKind(files, "Kustomization").filter((doc) => String(doc.apiVersion).startsWith("kustomize.toolkit.fluxcd.io/"));
  const key = (ref: { name: string; namespace?: string }, fallback: string) => `${ref.namespace ?? fallback}/${ref.name}`;
  return {
    nodes: kustomizations.map((ks) => `${ks.metadata.namespace}/${ks.metadata.name}`).sort(),
    edges: kustomizations
      .flatMap((ks) => (ks.spec.dependsOn ?? []).map((dep: { name: string; namespace?: string }) => `${key(dep, ks.metadata.namespace)} -> ${ks.metadata.namespace}/${ks.metadata.name}`))
      .sort(),
  };
}

/** The same, read from the Flux dependency graph diagram of `docs/<cluster>.md`. */
function diagramDependsOn(markdown: string): { nodes: string[]; edges: string[] } {
  const section = markdown.slice(markdown.indexOf("## Flux dependency graph"));
  const [block] = mermaidBlocks(section);
  const chart = parseFlowchart(block!);
  const label = (id: string) => chart.nodes.get(id)!.join("");
  return {
    nodes: [...chart.nodes.keys()].map(label).sort(),
    edges: chart.edges.map((edge) => `${label(edge.from)} -> ${label(edge.to)}`).sort(),
  };
}

describe("Flux dependency graph", () => {
  it("GIVEN the fixture clusters THEN each diagram has exactly the rendered Flux Kustomizations and their dependsOn as arrows", () => {
    const clusters = fixtureClusters();
    const docs = renderDocs(clusters);
    for (const cluster of clusters) {
      const rendered = renderedDependsOn(renderCluster(cluster));
      const page = docs.find((file) => file.path === docsLayout.cluster(cluster.name))!.content;
      expect(diagramDependsOn(page), cluster.name).toEqual(rendered);
    }
    // Not vacuous: the fixture has cross-component, cross-namespace and stage-to-stage edges.
    expect(renderedDependsOn(renderCluster(clusters[0]!)).edges).toEqual(
      expect.arrayContaining(["demo-system/operator -> demo-system/operator-config", "demo-system/operator-config -> web/web", "web/web -> flux-system/team-a"]),
    );
  });

  it("GIVEN a component depending on one the cluster does not run THEN the graph fails like rendering does", () => {
    const [infra] = fixtureClusters();
    const orphan = defineComponent({
      name: "orphan",
      namespace: "orphan",
      area: "workloads",
      category: "apps",
      dependsOn: [{ name: "missing", namespace: "nowhere" }],
      stages: [{ name: "app", resources: [new ConfigMap({ metadata: { name: "orphan" } })] }],
    });
    const broken = { ...infra!, components: [...infra!.components, orphan] };
    expect(() => renderCluster(broken)).toThrow(/does not run/);
    expect(() => fluxGraph(broken)).toThrow(/does not run/);
  });
});
