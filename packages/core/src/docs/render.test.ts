import { posix } from "node:path";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generatedMarker } from "../emit/index.js";
import { clusterScope, sharedScope, type GeneratedFile } from "../files/index.js";
import { nodeIP, type Inventory } from "../inventory/index.js";
import { renderCluster, renderSharedTrees } from "../render/index.js";
import { fixtureInventories, kubectlRequired, kustomizeBuild, matchGolden, materialize } from "../testing/index.js";
import { fixtureClusters } from "./__fixtures__/clusters.js";
import { docsLayout, renderDocs } from "./index.js";
import { flowchartShape, markdownToHtml, mermaidBlocks, parseFlowchart, parseWithMermaid } from "./testing/index.js";


const here = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = join(here, "../../../..");
const content = (files: readonly GeneratedFile[], path: string): string => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`no ${path} among ${files.map((f) => f.path).join(", ")}`);
  return file.content;
};
/** The table row (a line starting with `| `) whose first cell is the code span `first`. */
const row = (markdown: string, first: string): string | undefined => markdown.split("\n").find((line) => line.startsWith(`| \`${first}\` |`));

describe("renderDocs", () => {
  const clusters = fixtureClusters();
  const files = renderDocs(clusters);

  it("GIVEN the fixture clusters THEN the pages match the golden files byte for byte", () => {
    expect(matchGolden(join(here, "__golden__"), files)).toBe("");
  });

  it("GIVEN two clusters THEN each gets a page and an entry README in its own scope, the index is shared", () => {
    expect(files.map((f) => `${f.scope} ${f.path}`).sort()).toEqual(
      [
        `${clusterScope("infra")} docs/infra.md`,
        `${clusterScope("infra")} kubernetes/clusters/infra/README.md`,
        `${clusterScope("apps")} docs/apps.md`,
        `${clusterScope("apps")} kubernetes/clusters/apps/README.md`,
        `${sharedScope} docs/README.md`,
        `${sharedScope} docs/runbook.md`,
      ].sort(),
    );
  });

  it("GIVEN any page THEN it starts with the generated-file marker in an HTML comment", () => {
    for (const file of files) expect(file.content.split("\n")[0], file.path).toMatch(new RegExp(`^<!-- ${generatedMarker} from .* -->$`));
  });

  it("GIVEN the same clusters twice, or their components in another order THEN the pages are identical", () => {
    expect(renderDocs(fixtureClusters())).toEqual(files);
    const shuffled = clusters.map((cluster) => ({ ...cluster, components: [...cluster.components].reverse() }));
    expect(renderDocs(shuffled)).toEqual(files);
  });

  it("GIVEN the rendered tree THEN every relative link of every page points at a rendered file or folder", () => {
    const tree = [...clusters.flatMap((c) => renderCluster(c)), ...renderSharedTrees(clusters), ...files].map((f) => f.path);
    let checked = 0;
    for (const file of files) {
      for (const [, href] of markdownToHtml(file.content).matchAll(/href="([^"]+)"/g)) {
        const target = posix.normalize(posix.join(posix.dirname(file.path), href!)).replace(/\/$/, "");
        // Links out of the output root (generated/) point at the repository's own docs (the runbook's Talos and bootstrap guides).
        if (target.startsWith("../")) expect(existsSync(join(repositoryRoot, target.slice(3))), `${file.path} -> ${href}`).toBe(true);
        else expect(tree.some((path) => path === target || path.startsWith(`${target}/`)), `${file.path} -> ${href}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(files.length);
  });

  it("GIVEN a node's IP changes in the inventory THEN its rows in the node table and IP plan change, and nothing else in them", () => {
    const inventories = fixtureInventories();
    const edited: Inventory[] = structuredClone(inventories);
    const node = edited[0]!.nodes[1]!;
    const oldIP = nodeIP(node);
    (node.network.interfaces[0]!.addresses as string[])[0] = "10.25.11.42/24";
    const before = content(files, docsLayout.cluster("infra"));
    const after = content(renderDocs(fixtureClusters(edited)), docsLayout.cluster("infra"));

    expect(row(before, node.hostname)).toContain(`\`${oldIP}\``);
    expect(row(after, node.hostname)).toContain("`10.25.11.42`");
    expect(row(after, node.hostname)).not.toContain(oldIP);
    expect(row(after, "10.25.11.42/24")).toContain(`Node ${node.hostname}`);
    const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
    // The node row, the IP plan row and the node's box in the BGP diagram; nothing else.
    expect(changed).toHaveLength(3);
    expect(changed.every((line) => line.includes("10.25.11.42"))).toBe(true);
  });

  it("GIVEN the inventories THEN the estate topology shows every node with its IP, each BGP peer, each pool and every ClusterMesh pair", () => {
    const index = content(files, docsLayout.index);
    const inventories = clusters.map((c) => c.inventory);
    for (const inv of inventories) {
      for (const n of inv.nodes) expect(index).toContain(`["${n.hostname}<br/>${nodeIP(n)} · ${n.role}"]`);
      for (const pool of inv.network.loadBalancer.pools) expect(index).toContain(`pool ${pool.name} ${pool.cidr}`);
      for (const peer of inv.network.bgp.peers) expect(index).toContain(`${peer.name}<br/>${peer.address} · AS ${peer.asn}`);
    }
    expect(index.match(/<-->\|"ClusterMesh"\|/g)).toHaveLength((inventories.length * (inventories.length - 1)) / 2);
  });

  it("GIVEN any page THEN each Mermaid block is a well-formed flowchart that Mermaid itself reads the same way", async () => {
    const blocks = files.flatMap((file) => mermaidBlocks(file.content).map((block) => ({ path: file.path, block })));
    expect(blocks.map((b) => b.path).sort()).toEqual(["docs/README.md", "docs/apps.md", "docs/apps.md", "docs/infra.md", "docs/infra.md"]);
    for (const { path, block } of blocks) {
      const strict = parseFlowchart(block);
      expect(flowchartShape(await parseWithMermaid(block)), path).toEqual(flowchartShape(strict));
    }
  });

  it("GIVEN a cluster page THEN its BGP view draws only that cluster's nodes, and the other clusters as mesh peers", () => {
    const page = content(files, docsLayout.cluster("infra"));
    const [topology] = mermaidBlocks(page.slice(page.indexOf("## BGP and ClusterMesh")));
    const chart = parseFlowchart(topology!);
    const labels = [...chart.nodes.values()].map((lines) => lines.join("\n"));
    const [infra, apps] = clusters.map((c) => c.inventory);
    for (const n of infra!.nodes) expect(labels).toContain(`${n.hostname}\n${nodeIP(n)} · ${n.role}`);
    for (const n of apps!.nodes) expect(labels.join("\n")).not.toContain(n.hostname);
    expect(labels).toContain(`cluster apps · mesh id ${apps!.cluster.id}\nclustermesh-apiserver\n${apps!.network.loadBalancer.fixed.clustermeshApiServer}`);
    expect(chart.edges.filter((e) => e.label === "ClusterMesh")).toHaveLength(1);
  });

  it.skipIf(!kubectlRequired())("GIVEN a README in the Flux entry point THEN kubectl kustomize still builds it", () => {
    const { dir, cleanup } = materialize([...clusters.flatMap((c) => renderCluster(c)), ...renderSharedTrees(clusters), ...files]);
    try {
      for (const cluster of clusters) expect(kustomizeBuild(join(dir, "kubernetes/clusters", cluster.name))).toContain("kind: Namespace");
    } finally {
      cleanup();
    }
  });
});
