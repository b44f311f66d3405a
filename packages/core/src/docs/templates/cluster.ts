import type { AlertRow } from "../alerts.js";
import type { ComponentRow } from "../components.js";
import type { IpPlanRow } from "../ip-plan.js";
import type { NodeRow } from "../nodes.js";

/** What {@link clusterTemplate} shows; strings are raw values, the template escapes them. */
export interface ClusterPage {
  readonly header: string;
  readonly name: string;
  readonly entryPath: string;
  readonly entryLink: string;
  readonly endpoint: string;
  readonly vip: string;
  readonly talosVersion: string;
  readonly kubernetesVersion: string;
  readonly internalDomain: string;
  readonly externalDomain: string;
  readonly gitUrl: string;
  readonly gitBranch: string;
  readonly syncPath: string;
  readonly meshId: number;
  readonly nodes: readonly NodeRow[];
  readonly ipPlan: readonly IpPlanRow[];
  /** Fenced Mermaid block. */
  readonly topology: string;
  readonly componentCount: number;
  readonly releaseCount: number;
  readonly components: readonly ComponentRow[];
  readonly kustomizationCount: number;
  /** Fenced Mermaid block. */
  readonly fluxGraph: string;
  /** Alerts of the VMRules this cluster applies (vmalert evaluates them over every cluster's metrics). */
  readonly alerts: readonly AlertRow[];
}

/** `docs/<cluster>.md`: everything about one cluster. */
export const clusterTemplate = `{{header}}# Cluster {{cell name}}

[All clusters](README.md) · Flux entry point: [{{code entryPath}}]({{entryLink}})

| | |
| --- | --- |
| Kubernetes API | {{code endpoint}} (VIP {{code vip}}) |
| Talos / Kubernetes | {{code talosVersion}} / {{code kubernetesVersion}} |
| Domains | internal {{code internalDomain}}, external {{code externalDomain}} |
| Flux source | {{code gitUrl}} branch {{code gitBranch}}, path {{code syncPath}} |
| ClusterMesh id | {{cell meshId}} |

## Nodes

| Hostname | IP | Role | Hardware | CPU | Memory | Zone / rack | Install disk | Ceph OSD disk | Local volume disk |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{{#each nodes}}
| {{code hostname}} | {{code ip}} | {{cell role}} | {{cell hardware}} | {{cell cpu}} | {{cell memory}} | {{cell location}} | {{cell installDisk}} ({{cell installSelector}}) | {{#if cephDisk}}{{code cephDisk}}, {{cell cephSize}}{{else}}–{{/if}} | {{#if localDisk}}{{code localDisk}}, {{cell localSize}}{{else}}–{{/if}} |
{{/each}}

## IP plan

Every address and range comes from the cluster's inventory file (the field is named in the last
column); the inventory loader rejects overlaps between clusters.

| Address / value | What | Inventory field |
| --- | --- | --- |
{{#each ipPlan}}
| {{code value}} | {{cell what}} | {{code field}} |
{{/each}}

## BGP and ClusterMesh

Every node peers over eBGP with the cluster's BGP neighbours and advertises the LoadBalancer
addresses of the pools to them; ClusterMesh connects the cluster to the API servers of the
clusters it is meshed with.

{{topology}}

## Components

{{componentCount}} components, {{releaseCount}} HelmReleases. Stage is the folder next to the
component's \`ks.yaml\`; each stage is one Flux Kustomization.

| Component | Folder | Namespace | Stage | Flux Kustomization | HelmRelease | Chart | Version | Source |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
{{#each components}}
| {{cell component}} | {{code group}} | {{code namespace}} | {{cell stage}} | {{code kustomization}} | {{code release}} | {{cell chart}} | {{code version}} | {{code source}} |
{{/each}}

## Flux dependency graph

{{kustomizationCount}} Flux Kustomizations (\`namespace/name\`), grouped by folder. An arrow
from A to B means B lists A in \`spec.dependsOn\`: Flux applies B only once A is ready.

{{fluxGraph}}
{{#if alerts.length}}

## Alerts

{{alerts.length}} alerts in the VMRules this cluster applies. vmalert evaluates them over the
metrics of every cluster (each series carries its \`cluster\` label); every component that
exposes metrics has its own rules and a Grafana dashboard (\`pnpm verify\` checks it).

| Component | Group | Alert | Severity | For | Summary |
| --- | --- | --- | --- | --- | --- |
{{#each alerts}}
| {{cell component}} | {{cell group}} | {{code alert}} | {{cell severity}} | {{cell holdFor}} | {{cell summary}} |
{{/each}}
{{/if}}
`;
