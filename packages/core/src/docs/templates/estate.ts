/** One row of the cluster table of {@link estateTemplate}. */
export interface ClusterSummary {
  readonly name: string;
  /** Relative link to the cluster's page. */
  readonly link: string;
  readonly meshId: number;
  readonly endpoint: string;
  readonly nodeCount: number;
  readonly nodeIPs: string;
  readonly podCIDR: string;
  readonly serviceCIDR: string;
  readonly lbSubnet: string;
  readonly asn: number;
  readonly componentCount: number;
  readonly kustomizationCount: number;
}

/** What {@link estateTemplate} shows. */
export interface EstatePage {
  readonly header: string;
  readonly clusters: readonly ClusterSummary[];
  /** Fenced Mermaid block. */
  readonly topology: string;
}

/** `docs/README.md`: the clusters of the estate and how they connect. */
export const estateTemplate = `{{header}}# Clusters

Generated from the inventories and cluster definitions by \`pnpm generate\`; one page per cluster
with its nodes, IP plan, components, Flux dependency graph and alerts. To bring up a new estate,
follow the [operator runbook](runbook.md): the 1Password items to create, the example values to
replace, and the order of operations with the Talos and bootstrap runbooks.

| Cluster | Mesh id | Kubernetes API | Nodes | Pod CIDR | Service CIDR | LoadBalancer subnet | Local ASN | Components | Flux Kustomizations |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{{#each clusters}}
| [{{cell name}}]({{link}}) | {{cell meshId}} | {{code endpoint}} | {{cell nodeCount}} ({{code nodeIPs}}) | {{code podCIDR}} | {{code serviceCIDR}} | {{code lbSubnet}} | {{cell asn}} | {{cell componentCount}} | {{cell kustomizationCount}} |
{{/each}}

## BGP and ClusterMesh topology

Every node peers over eBGP with its cluster's BGP neighbours and advertises the LoadBalancer
addresses of its pools to them; clusters joined by a ClusterMesh link connect to each other's
\`clustermesh-apiserver\`.

{{topology}}
`;
