import { describe, expect, it } from "vitest";
import { fixtureClusters } from "./__fixtures__/clusters.js";
import { estateTopology } from "./pages.js";
import { mermaidBlocks, parseFlowchart } from "./testing/index.js";
import { docsLayout, renderDocs } from "./index.js";
import { topologyMermaid } from "./topology.js";

const meshEdges = (lines: string[]) => parseFlowchart(lines).edges.filter((edge) => edge.label === "ClusterMesh");

describe("estateTopology", () => {
  const [infra, apps] = fixtureClusters();
  const named = (name: string, meshPeers: string[]) => ({ ...infra!, name, meshPeers });

  it("GIVEN meshPeers THEN only the pairs one side names are linked", () => {
    expect(estateTopology([named("a", ["b"]), named("b", []), named("c", [])]).meshLinks).toEqual([["a", "b"]]);
  });

  it("GIVEN two clusters meshed with nobody THEN no page draws a ClusterMesh link or a remote API server", () => {
    const files = renderDocs([{ ...infra!, meshPeers: [] }, { ...apps!, meshPeers: [] }]);
    for (const file of files.filter((f) => f.path.startsWith("docs/"))) {
      for (const block of mermaidBlocks(file.content)) expect(meshEdges(block), file.path).toEqual([]);
    }
    const page = files.find((f) => f.path === docsLayout.cluster("infra"))!.content;
    expect(page).not.toContain(apps!.inventory.network.loadBalancer.fixed.clustermeshApiServer);
  });
});

describe("topologyMermaid", () => {
  it("GIVEN a focus cluster THEN only its mesh links are drawn", () => {
    const [infra, apps] = fixtureClusters();
    const other = { ...apps!.inventory, cluster: { ...apps!.inventory.cluster, name: "edge", id: 9 } };
    const topology = { inventories: [infra!.inventory, apps!.inventory, other], meshLinks: [["infra", "apps"], ["apps", "edge"]] as const };
    expect(meshEdges(topologyMermaid(topology, "infra"))).toHaveLength(1);
    expect(meshEdges(topologyMermaid(topology, "apps"))).toHaveLength(2);
    expect(meshEdges(topologyMermaid(topology))).toHaveLength(2);
    expect(topologyMermaid(topology, "infra").join("\n")).not.toContain("cluster edge");
  });
});
