/** What {@link entryTemplate} shows. */
export interface EntryPage {
  readonly header: string;
  readonly name: string;
  readonly syncPath: string;
  readonly gitUrl: string;
  readonly gitBranch: string;
  readonly namespaceCount: number;
  /** The area folders the entry kustomization includes, relative to it. */
  readonly areas: readonly string[];
  readonly kustomizationCount: number;
  readonly componentCount: number;
  readonly docsPath: string;
  readonly docsLink: string;
}

/** `kubernetes/clusters/<cluster>/README.md`: what the Flux entry point folder is. */
export const entryTemplate = `{{header}}# Flux entry point of cluster {{cell name}}

Flux on cluster {{cell name}} syncs this folder: {{code syncPath}} of {{code gitUrl}},
branch {{code gitBranch}}. Flux and kustomize read only \`kustomization.yaml\` and what it
lists; this README is for people.

- \`namespaces.yaml\`: the cluster's {{namespaceCount}} namespaces, marked so Flux never prunes them.
- \`kustomization.yaml\`: the namespaces and the area folders:
{{#each areas}}
  - [{{code this}}]({{this}})
{{/each}}

Each area folder lists its category folders, and each category lists its apps' \`ks.yaml\`:
{{kustomizationCount}} Flux Kustomizations of {{componentCount}} components, which Flux
reconciles in the order of their \`dependsOn\`.

Nodes, IP plan, components and the dependency graph: [{{code docsPath}}]({{docsLink}}).
`;
