import type { Component } from "../component/index.js";
import { UserError, showValue } from "../errors/index.js";
import { chartAddress } from "../flux/index.js";
import { layout } from "../render/index.js";
import { perEnvironment } from "./environments.js";
import { bootstrapLayout, fromHelmfileDir } from "./layout.js";
import type { ReleaseFacts } from "./release.js";
import type { CrdChart } from "./types.js";

/** One cluster's view of a phase 1 release. */
export interface PlacedRelease {
  readonly cluster: string;
  readonly facts: ReleaseFacts;
  readonly component: Component;
  readonly postsyncStages: readonly string[];
  /** `namespace/name` of the release installed just before it in this cluster. */
  readonly after?: string;
}

interface Repository {
  readonly name: string;
  readonly url: string;
}

const releaseId = (release: { readonly namespace: string; readonly name: string }): string => `${release.namespace}/${release.name}`;

/**
 * Merges each cluster's ordered list into one order that keeps every list's relative order where
 * the lists agree (file order is for readers; helmfile orders by `needs`).
 */
function mergedOrder(lists: readonly (readonly string[])[]): string[] {
  const result: string[] = [];
  for (const list of lists) {
    let insertAt = 0;
    for (const id of list) {
      const at = result.indexOf(id);
      if (at >= 0) {
        insertAt = Math.max(insertAt, at + 1);
      } else {
        result.splice(insertAt, 0, id);
        insertAt += 1;
      }
    }
  }
  return result;
}

/** `environments:` with, per cluster, `<release>.enabled` for every release not all clusters run. */
function environments(clusters: readonly string[], conditional: ReadonlyMap<string, ReadonlySet<string>>): Record<string, unknown> {
  const entries = clusters.map((cluster) => {
    const flags = Object.fromEntries([...conditional].map(([name, runners]) => [name, { enabled: runners.has(cluster) }]));
    return [cluster, Object.keys(flags).length > 0 ? { values: [flags] } : {}] as const;
  });
  return { environments: Object.fromEntries(entries) };
}

function mergeRepositories(repositories: readonly Repository[], what: string): Repository[] {
  const byName = new Map<string, Repository>();
  for (const repository of repositories) {
    const known = byName.get(repository.name);
    if (known && known.url !== repository.url) {
      throw new UserError(
        `${what}: Helm repository ${showValue(repository.name)} has two URLs, ${showValue(known.url)} and ${showValue(repository.url)}`,
      );
    }
    byName.set(repository.name, repository);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

const byCluster = <T>(items: readonly T[], cluster: (item: T) => string, value: (item: T) => string): Map<string, string> =>
  new Map(items.map((item) => [cluster(item), value(item)]));

/** Phase 1: `01-core.yaml`, shared by every cluster, one helmfile environment per cluster. */
export function coreHelmfile(clusters: readonly string[], placed: readonly (readonly PlacedRelease[])[]): unknown[] {
  const all = placed.flat();
  const byId = new Map<string, PlacedRelease[]>();
  const namespaceOfName = new Map<string, string>();
  for (const release of all) {
    const id = releaseId(release.facts);
    const known = namespaceOfName.get(release.facts.name);
    if (known !== undefined && known !== release.facts.namespace) {
      throw new UserError(
        `bootstrap: release ${showValue(release.facts.name)} is installed into ${showValue(known)} and ${showValue(release.facts.namespace)} by different clusters; ` +
          "its values file and helmfile condition are keyed by name, so give the releases distinct names",
      );
    }
    namespaceOfName.set(release.facts.name, release.facts.namespace);
    byId.set(id, [...(byId.get(id) ?? []), release]);
  }
  const conditional = new Map<string, ReadonlySet<string>>();
  const releases = mergedOrder(placed.map((list) => list.map((r) => releaseId(r.facts)))).map((id) => {
    const runs = byId.get(id)!;
    const [first] = runs as [PlacedRelease, ...PlacedRelease[]];
    const { name, namespace } = first.facts;
    if (runs.length < clusters.length) conditional.set(name, new Set(runs.map((r) => r.cluster)));
    const withNeeds = runs.filter((r) => r.after !== undefined);
    if (withNeeds.length > 0 && withNeeds.length < runs.length) {
      const firstIn = runs.filter((r) => r.after === undefined).map((r) => r.cluster);
      throw new UserError(
        `bootstrap: release ${id} is the first phase 1 release of cluster(s) ${firstIn.join(", ")} but not of ${withNeeds.map((r) => r.cluster).join(", ")}; ` +
          "helmfile cannot drop a `needs` entry per environment, so start every cluster's core list with the same release",
      );
    }
    const stageLists = new Set(runs.map((r) => r.postsyncStages.join(",")));
    if (stageLists.size > 1) {
      throw new UserError(
        `bootstrap: release ${id} applies different postsync stages per cluster (${runs.map((r) => `${r.cluster}: [${r.postsyncStages.join(", ")}]`).join("; ")}); ` +
          "hooks are shared by all environments",
      );
    }
    const hooks = first.postsyncStages.map((stage) => ({
      events: ["postsync"],
      showlogs: true,
      command: "kubectl",
      args: [
        "apply",
        "--server-side",
        // Flux applies with this field manager, so it adopts the objects without conflicts.
        "--field-manager=kustomize-controller",
        `--namespace=${first.component.namespace}`,
        "--kustomize",
        perEnvironment(byCluster(runs, (r) => r.cluster, (r) => fromHelmfileDir(layout.stage(r.cluster, r.component, stage)))),
      ],
    }));
    return {
      name,
      namespace,
      chart: perEnvironment(byCluster(runs, (r) => r.cluster, (r) => r.facts.chart)),
      version: perEnvironment(byCluster(runs, (r) => r.cluster, (r) => r.facts.version)),
      ...(conditional.has(name) ? { condition: `${name}.enabled` } : {}),
      ...(withNeeds.length > 0 ? { needs: [perEnvironment(byCluster(runs, (r) => r.cluster, (r) => r.after!))] } : {}),
      values: [perEnvironment(byCluster(runs, (r) => r.cluster, (r) => fromHelmfileDir(bootstrapLayout.values(r.cluster, name))))],
      ...(hooks.length > 0 ? { hooks } : {}),
    };
  });
  const repositories = mergeRepositories(all.flatMap((r) => (r.facts.repository ? [r.facts.repository] : [])), "bootstrap phase 1");
  return [
    environments(clusters, conditional),
    {
      helmDefaults: { cleanupOnFail: true, wait: true, waitForJobs: true },
      ...(repositories.length > 0 ? { repositories } : {}),
      releases,
    },
  ];
}

const stableJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );

/** Phase 0: `00-crds.yaml`, template-only (the helm args make `helmfile sync` fail on purpose). */
export function crdsHelmfile(clusters: readonly string[], crds: readonly (readonly CrdChart[])[]): unknown[] {
  const placed = crds.flatMap((list, index) => list.map((crd) => ({ cluster: clusters[index]!, crd })));
  const byId = new Map<string, typeof placed>();
  for (const entry of placed) byId.set(releaseId(entry.crd), [...(byId.get(releaseId(entry.crd)) ?? []), entry]);
  const conditional = new Map<string, ReadonlySet<string>>();
  const names = new Map<string, string>();
  const releases = mergedOrder(crds.map((list) => list.map(releaseId))).map((id) => {
    const runs = byId.get(id)!;
    const { name, namespace, values } = runs[0]!.crd;
    if (names.has(name) && names.get(name) !== id) {
      throw new UserError(`bootstrap phase 0: two CRD charts are named ${showValue(name)} (${names.get(name)} and ${id})`);
    }
    names.set(name, id);
    const distinctValues = new Set(runs.map((r) => stableJson(r.crd.values ?? {})));
    if (distinctValues.size > 1) {
      throw new UserError(`bootstrap phase 0: CRD chart ${id} has different values per cluster (${runs.map((r) => r.cluster).join(", ")}); keep them equal`);
    }
    if (runs.length < clusters.length) conditional.set(name, new Set(runs.map((r) => r.cluster)));
    return {
      name,
      namespace,
      chart: perEnvironment(byCluster(runs, (r) => r.cluster, (r) => chartAddress(r.crd.chart))),
      version: perEnvironment(byCluster(runs, (r) => r.cluster, (r) => r.crd.chart.version)),
      ...(conditional.has(name) ? { condition: `${name}.enabled` } : {}),
      ...(values && Object.keys(values).length > 0 ? { values: [values] } : {}),
    };
  });
  const repositories = mergeRepositories(
    placed.flatMap(({ crd }) => (crd.chart.type === "repository" ? [{ name: crd.chart.repositoryName, url: crd.chart.repository }] : [])),
    "bootstrap phase 0",
  );
  return [
    environments(clusters, conditional),
    {
      // `helm upgrade` has no --include-crds: a `helmfile sync` of this file fails before installing anything.
      helmDefaults: { args: ["--include-crds", "--no-hooks"] },
      ...(repositories.length > 0 ? { repositories } : {}),
      releases,
    },
  ];
}
