import type { PlaceholderRow, PostgresClusterRow, SecretItemRow } from "../runbook.js";

/** What {@link runbookTemplate} shows. */
export interface RunbookPage {
  readonly header: string;
  /** Cluster names in bootstrap order (the one that serves the others first). */
  readonly clusters: readonly string[];
  readonly first: string;
  readonly talosLink: string;
  readonly bootstrapLink: string;
  readonly backupsLink: string;
  /** The Postgres clusters, for the restore section. */
  readonly postgres: readonly PostgresClusterRow[];
  readonly vaults: readonly string[];
  readonly items: readonly SecretItemRow[];
  readonly createCount: number;
  readonly placeholders: readonly PlaceholderRow[];
}

/** `docs/runbook.md`: what an operator does, in order, to bring up a new estate. */
export const runbookTemplate = `{{header}}# Operator runbook

Generated from the same inventories and component values as the rest of \`generated/\`: the
1Password items below are read from the bootstrap secrets, ExternalSecrets and PushSecrets that
\`pnpm generate\` writes, so this list cannot drift from what the clusters ask for.

## Tools

\`talosctl\`, \`kubectl\`, \`helm\` and \`helmfile\`, \`op\` (the 1Password CLI, for \`op inject\`),
\`task\` (go-task v3), \`sops\` with \`age\`, and **yq v4 by mikefarah** (Debian's \`yq\` package is a
different tool, version 3, and reads the tasks' expressions differently; the tasks refuse it).

## Make it yours

Values of the inventories that still hold the reference estate's examples. Replace each one (and
the SOPS recipients in \`packages/clusters/src/sops.ts\`) before the first bootstrap. \`pnpm generate\`
enforces it: once \`cluster.git.url\` names your repository, any example value left is refused.

{{#if placeholders.length}}
| Cluster | Inventory field | Example value |
| --- | --- | --- |
{{#each placeholders}}
| {{cell cluster}} | {{code field}} | {{code value}} |
{{/each}}
{{else}}
No example values are left in the inventories.
{{/if}}

## 1Password vaults and items

Vaults: {{#each vaults}}{{#if @index}}, {{/if}}{{code this}}{{/each}}. {{createCount}} items must exist
before the clusters need them; items marked "written by the cluster" are created by a PushSecret of
their owner and must not be created by hand.

| Vault | Item | Fields | When | Read (or written) by |
| --- | --- | --- | --- | --- |
{{#each items}}
| {{code vault}} | {{code item}} | {{cell fields}} | {{cell when}} | {{cell readers}} |
{{/each}}

## Order of operations

Clusters in order: {{#each clusters}}{{#if @index}}, then {{/if}}{{code this}}{{/each}}. **{{first}} comes
first**: it runs the shared Postgres, object storage, identity and metrics the others use (over
ClusterMesh), so the others' workloads cannot become ready before it is.

For each cluster, in that order:

1. Create the 1Password items above that the cluster reads (the "create before bootstrap" ones
   first).
2. Install Talos and apply the generated machine-config patches: [Talos runbook]({{talosLink}}).
3. Apply the bootstrap secrets and run the bootstrap phases (CRDs, then core releases, then Flux):
   [bootstrap runbook]({{bootstrapLink}}).
4. Wait until Flux reports every Kustomization ready (\`flux get kustomizations -A\`) before the
   next cluster.

## Backups and restores

Every Postgres cluster archives WAL continuously and takes a daily base backup into the object
store of its cluster; a nightly job copies that bucket (and the user-data buckets) to the NFS
server outside the clusters, and a weekly job proves a backup restores (a throwaway cluster
recovers, is queried and deleted). Alerts fire when a copy or a restore test is late or failed.
Details, layout on the NAS and the reasoning: [backups]({{backupsLink}}).

{{#if postgres.length}}
| Cluster | Postgres cluster | Restore from its object store | Restore from the off-cluster copy |
| --- | --- | --- | --- |
{{#each postgres}}
| {{cell cluster}} | {{code namespace}}/{{code name}} | \`task postgres:restore CLUSTER={{cluster}} NAME={{name}}\` | \`task postgres:restore CLUSTER={{cluster}} NAME={{name}} FROM=offsite\` |
{{/each}}

Add \`TARGET_TIME=2026-12-07T09:30:00Z\` (RFC 3339) for a point in time; without it the restore
replays every archived WAL. The restored cluster runs next to the live one as \`<name>-restore\`
(\`<name>-restore-rw\` serves it); copy what you need back (\`pg_dump\` / \`pg_restore\`), then
\`task postgres:restore-cleanup CLUSTER=... NAME=... FROM=...\`.

**The cluster itself is gone** (lost with its disks and object store): rebuild it with the order
of operations above, then, before anything writes to the new database, run the restore with
\`FROM=offsite\` (it suspends the nightly copy, which would otherwise mirror the new, empty
bucket over the copy), move the data into the new live cluster with \`pg_dump\` / \`pg_restore\`
and run the cleanup, which resumes the copy. Suspend the bucket copies of the rebuilt cluster too
(\`kubectl -n rook-ceph patch cronjob offsite-copy-<user> --type=merge -p '{"spec":{"suspend":true}}'\`)
until the buckets are copied back from the NAS (\`<cluster>/buckets/<bucket>/current\`, see the
backups page), then resume them.
{{else}}
No Postgres cluster in the estate.
{{/if}}
`;
