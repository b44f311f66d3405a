import { clusterScope, sharedScope, type GeneratedFile } from "../files/index.js";
import { checkGitPath, defaultGitPath } from "../render/layout.js";
import { fluxGraph } from "./flux-graph.js";
import { compileTemplate } from "./handlebars.js";
import { clusterPage, docsLayout, entryPage, estatePage, estateTopology, type DocsCluster } from "./pages.js";
import { clusterTemplate, type ClusterPage } from "./templates/cluster.js";
import { entryTemplate, type EntryPage } from "./templates/entry.js";
import { estateTemplate, type EstatePage } from "./templates/estate.js";

const renderClusterPage = compileTemplate<ClusterPage>(clusterTemplate);
const renderEntryPage = compileTemplate<EntryPage>(entryTemplate);
const renderEstatePage = compileTemplate<EstatePage>(estateTemplate);

/**
 * The estate's documentation, for any list of clusters: `docs/README.md` (clusters and the
 * BGP/ClusterMesh topology), `docs/<cluster>.md` (nodes, IP plan, components, Flux dependency
 * graph, BGP/ClusterMesh view) and a README in each cluster's Flux entry point. Everything comes
 * from the typed inventories and component values; nothing depends on time or on the order of
 * object keys, so the files change only when those values do.
 *
 * @throws UserError for dangling references or dependency cycles, as rendering the cluster would.
 */
export function renderDocs(clusters: readonly DocsCluster[]): GeneratedFile[] {
  const topology = estateTopology(clusters);
  const graphs = clusters.map((cluster) => ({ cluster, graph: fluxGraph(cluster) }));
  return [
    ...graphs.flatMap(({ cluster, graph }) => [
      {
        path: docsLayout.cluster(cluster.name),
        content: renderClusterPage(clusterPage(cluster, graph, topology, checkGitPath(cluster.gitPath ?? defaultGitPath))),
        scope: clusterScope(cluster.name),
      },
      {
        path: docsLayout.entry(cluster.name),
        content: renderEntryPage(entryPage(cluster, graph, checkGitPath(cluster.gitPath ?? defaultGitPath))),
        scope: clusterScope(cluster.name),
      },
    ]),
    { path: docsLayout.index, content: renderEstatePage(estatePage(graphs, topology)), scope: sharedScope },
  ];
}
