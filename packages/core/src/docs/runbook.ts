import type { Cluster } from "../cluster/index.js";

/** One 1Password item an operator creates (or a cluster writes) and who reads it. */
export interface SecretItemRow {
  readonly vault: string;
  readonly item: string;
  /** Fields read or written, sorted, comma-separated. */
  readonly fields: string;
  /** `create before bootstrap`, `create before Flux syncs`, or `written by the cluster` (PushSecret). */
  readonly when: string;
  /** Who reads (or writes) it: `cluster: Kind namespace/name`, one per reader. */
  readonly readers: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const at = (value: unknown, ...path: string[]): unknown => path.reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
const text = (value: unknown): string => (typeof value === "string" ? value : "");
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

const reference = /^op:\/\/([^/]+)\/([^/]+)\/(.+)$/;

const order = { "create before bootstrap": 0, "create before Flux syncs": 1, "written by the cluster": 2 } as const;
type When = keyof typeof order;

interface Entry {
  vault: string;
  item: string;
  fields: Set<string>;
  when: When;
  readers: Set<string>;
}

/**
 * The vaults of each ClusterSecretStore of the 1Password provider, by store name, in search order
 * (ascending number in `spec.provider.onepassword.vaults`: external-secrets providers/v1/onepassword
 * searches them in that order and the first vault holding the item wins).
 */
function storeVaults(resources: readonly unknown[]): Map<string, string[]> {
  const vaults = new Map<string, string[]>();
  for (const doc of resources) {
    if (text(at(doc, "kind")) !== "ClusterSecretStore" && text(at(doc, "kind")) !== "SecretStore") continue;
    const map = at(doc, "spec", "provider", "onepassword", "vaults");
    if (!isObject(map)) continue;
    vaults.set(text(at(doc, "metadata", "name")), Object.entries(map).sort((a, b) => Number(a[1]) - Number(b[1])).map(([vault]) => vault));
  }
  return vaults;
}

const resourcesOf = (cluster: Pick<Cluster, "components">): unknown[] =>
  cluster.components.flatMap((component) =>
    component.stages.flatMap((stage) =>
      stage.resources.map((resource) => {
        const doc = resource as unknown as Json;
        // Resources land in their component's namespace unless they name one (the stage's targetNamespace).
        return isObject(doc["metadata"]) && doc["metadata"]["namespace"] === undefined
          ? { ...doc, metadata: { ...doc["metadata"], namespace: component.namespace } }
          : doc;
      }),
    ),
  );

/** An ExternalSecret's read of one item through a store that searches `vaults` in order. */
interface Read {
  readonly cluster: string;
  readonly vaults: readonly string[];
  readonly item: string;
  readonly field: string;
  readonly reader: string;
}

/**
 * Every 1Password item the estate reads or writes, from the same objects that are rendered: the
 * bootstrap secrets (`op://vault/item/field` references, applied before Flux), the PushSecrets
 * (items a cluster writes for another to read) and the ExternalSecrets (`remoteRef.key`/`property`,
 * `dataFrom[].extract.key`). An ExternalSecret's item is placed in the vault its store will find
 * it in: the vault a PushSecret writes it to, else the vault a bootstrap secret of the same cluster
 * already needs it in, else, when other clusters read the same item, the first vault all their
 * stores search (create it once, e.g. the shared vault), else the store's first vault.
 */
export function secretItemRows(clusters: readonly Pick<Cluster, "name" | "components" | "bootstrap">[]): SecretItemRow[] {
  const entries = new Map<string, Entry>();
  const add = (vault: string, item: string, field: string | undefined, when: When, reader: string): void => {
    const key = `${vault}\u0000${item}`;
    const entry = entries.get(key) ?? { vault, item, fields: new Set<string>(), when, readers: new Set<string>() };
    if (field !== undefined && field !== "") entry.fields.add(field);
    // An item a PushSecret writes is never created by hand, whoever else reads it.
    if (when === "written by the cluster" || (entry.when !== "written by the cluster" && order[when] < order[entry.when])) entry.when = when;
    entry.readers.add(reader);
    entries.set(key, entry);
  };
  const bootstrapVaults = new Map<string, Set<string>>();
  const pushed = new Map<string, Set<string>>();
  const reads: Read[] = [];
  for (const cluster of clusters) {
    for (const secret of cluster.bootstrap?.secrets ?? []) {
      for (const value of [...Object.values(secret.stringData ?? {}), ...Object.values(secret.data ?? {})]) {
        const match = reference.exec(value);
        if (!match) continue;
        add(match[1]!, match[2]!, match[3]!, "create before bootstrap", `${cluster.name}: bootstrap Secret ${secret.namespace}/${secret.name}`);
        const key = `${cluster.name}\u0000${match[2]!}`;
        bootstrapVaults.set(key, (bootstrapVaults.get(key) ?? new Set()).add(match[1]!));
      }
    }
    const resources = resourcesOf(cluster);
    const vaults = storeVaults(resources);
    const vaultsOf = (store: string): string[] => vaults.get(store) ?? [`(store ${store})`];
    for (const doc of resources) {
      const kind = text(at(doc, "kind"));
      const subject = `${cluster.name}: ${kind} ${text(at(doc, "metadata", "namespace"))}/${text(at(doc, "metadata", "name"))}`;
      if (kind === "ExternalSecret") {
        const searched = vaultsOf(text(at(doc, "spec", "secretStoreRef", "name")));
        for (const entry of list(at(doc, "spec", "data"))) {
          reads.push({ cluster: cluster.name, vaults: searched, item: text(at(entry, "remoteRef", "key")), field: text(at(entry, "remoteRef", "property")), reader: subject });
        }
        for (const entry of list(at(doc, "spec", "dataFrom"))) {
          const item = text(at(entry, "extract", "key"));
          if (item !== "") reads.push({ cluster: cluster.name, vaults: searched, item, field: "(every field)", reader: subject });
        }
      }
      if (kind === "PushSecret") {
        for (const store of list(at(doc, "spec", "secretStoreRefs"))) {
          // PushSecrets write into the first vault of their store.
          const vault = vaultsOf(text(at(store, "name")))[0]!;
          for (const entry of list(at(doc, "spec", "data"))) {
            const item = text(at(entry, "match", "remoteRef", "remoteKey"));
            add(vault, item, text(at(entry, "match", "remoteRef", "property")), "written by the cluster", subject);
            pushed.set(item, (pushed.get(item) ?? new Set()).add(vault));
          }
        }
      }
    }
  }
  for (const read of reads) {
    const others = reads.filter((r) => r.item === read.item && r.cluster !== read.cluster);
    const common = read.vaults.find((vault) => others.length > 0 && others.every((r) => r.vaults.includes(vault)));
    const vault =
      read.vaults.find((v) => pushed.get(read.item)?.has(v)) ??
      read.vaults.find((v) => bootstrapVaults.get(`${read.cluster}\u0000${read.item}`)?.has(v)) ??
      common ??
      read.vaults[0]!;
    add(vault, read.item, read.field, "create before Flux syncs", read.reader);
  }
  return [...entries.values()]
    .sort((a, b) => a.vault.localeCompare(b.vault) || order[a.when] - order[b.when] || a.item.localeCompare(b.item))
    .map((e) => ({ vault: e.vault, item: e.item, fields: [...e.fields].sort().join(", "), when: e.when, readers: [...e.readers].sort().join("; ") }));
}

/** A value of an inventory that still holds the reference estate's example data. */
export interface PlaceholderRow {
  readonly cluster: string;
  /** Dotted path in the inventory file, e.g. `cluster.git.url`. */
  readonly field: string;
  readonly value: string;
}

const placeholderPattern = /(^|[./@])example\.(com|net|org)\b|github\.com\/example\//;

/** Every string of the inventories that names an example domain or repository (`example.net`, `github.com/example/`). */
export function placeholderRows(clusters: readonly Pick<Cluster, "name" | "inventory">[]): PlaceholderRow[] {
  const rows: PlaceholderRow[] = [];
  const walk = (cluster: string, value: unknown, path: string): void => {
    if (typeof value === "string") {
      if (placeholderPattern.test(value)) rows.push({ cluster, field: path, value });
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(cluster, item, `${path}[${index}]`);
    }
    else if (isObject(value)) for (const [key, item] of Object.entries(value)) walk(cluster, item, path === "" ? key : `${path}.${key}`);
  };
  for (const cluster of clusters) walk(cluster.name, cluster.inventory, "");
  return rows;
}

const exampleRepository = /github\.com\/example\//;

/**
 * The "make it yours" rule `generate` enforces. The reference estate (every cluster's Flux source
 * still the example repository `github.com/example/...`) renders as the demo it is. Once a
 * cluster's `cluster.git.url` names a real repository, the run is real: Flux will reconcile the
 * output, so every example value left in any inventory is refused (with its cluster, field and
 * value), before anything is written.
 */
export function placeholderProblems(clusters: readonly Pick<Cluster, "name" | "inventory">[]): string[] {
  const reference = clusters.every((cluster) => exampleRepository.test(cluster.inventory.cluster.git.url));
  if (reference) return [];
  return placeholderRows(clusters).map((row) => `cluster ${row.cluster}: ${row.field} is still the example value ${JSON.stringify(row.value)}`);
}

/** A Postgres cluster (CloudNativePG `Cluster`) of the estate, for the runbook's restore section. */
export interface PostgresClusterRow {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
}

/** Every CloudNativePG `Cluster` object the clusters render (not the ones a job creates at run time). */
export function postgresClusterRows(clusters: readonly Pick<Cluster, "name" | "components">[]): PostgresClusterRow[] {
  return clusters.flatMap((cluster) =>
    resourcesOf(cluster)
      .filter((doc) => text(at(doc, "kind")) === "Cluster" && text(at(doc, "apiVersion")).startsWith("postgresql.cnpg.io/"))
      .map((doc) => ({ cluster: cluster.name, namespace: text(at(doc, "metadata", "namespace")), name: text(at(doc, "metadata", "name")) })),
  );
}
