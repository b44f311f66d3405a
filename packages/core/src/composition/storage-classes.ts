import { describeResource, type Component, type Resource } from "../component/index.js";
import { showValue } from "../errors/index.js";
import { formatPath, type FieldPath } from "../inventory/finding.js";
import type { ComposedCluster, CompositionRule } from "./rule.js";

/** A StorageClass name written somewhere in a component's objects or Helm values. */
export interface StorageClassReference {
  readonly component: string;
  /** The object or release holding it, e.g. `stage "app", HelmRelease harbor values`. */
  readonly holder: string;
  readonly path: FieldPath;
  readonly storageClass: string;
}

/**
 * Values that name no class: `""` asks for no dynamic provisioning (or the default class, for
 * charts), `"-"` is the charts' spelling of `storageClassName: ""`, and `${VAR}` is resolved by
 * Flux' postBuild substitution after this check runs.
 */
function namesAClass(value: unknown): value is string {
  return typeof value === "string" && value !== "" && value !== "-" && !value.includes("${");
}

/** Field names that hold a StorageClass name: core's `storageClassName` (PVCs, claim templates, ObjectBucketClaims, operators' claim specs), CNPG's and the charts' `storageClass`. */
const classKeys = new Set(["storageClassName", "storageClass"]);

/** Strimzi writes the class of a persistent-claim volume as `class` under `spec.storage` (KafkaNodePool, Kafka). */
const strimziKinds = new Set(["KafkaNodePool", "Kafka"]);

/**
 * Calls `visit` for every field of a JSON-like value. `path` is one mutable stack (this runs over
 * every object of the estate on each generate); `visit` copies it when it keeps it.
 */
function walk(value: unknown, visit: (key: string, value: unknown, path: readonly (string | number)[]) => void, path: (string | number)[] = []): void {
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      path.push(index);
      walk(value[index], visit, path);
      path.pop();
    }
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    path.push(key);
    visit(key, child, path);
    walk(child, visit, path);
    path.pop();
  }
}

const isStorageClass = (resource: Resource): boolean => resource.kind === "StorageClass" && resource.apiVersion === "storage.k8s.io/v1";
const isPersistentVolume = (resource: Resource): boolean => resource.kind === "PersistentVolume" && resource.apiVersion === "v1";

function resourceReferences(component: string, holder: string, resource: Resource): StorageClassReference[] {
  // A StorageClass is the definition, and a PersistentVolume's class is a label claims match on, not a reference.
  if (isStorageClass(resource) || isPersistentVolume(resource)) return [];
  const found: StorageClassReference[] = [];
  const strimzi = strimziKinds.has(resource.kind) && resource.apiVersion.startsWith("kafka.strimzi.io/");
  // A kubernetes-models instance holds its fields as own properties; walking it directly spares
  // toJSON()'s deep copy, which cost more than the rest of the check.
  walk(resource, (key, value, path) => {
    const strimziClass = strimzi && key === "class" && path[0] === "spec" && path[1] === "storage";
    if ((classKeys.has(key) || strimziClass) && namesAClass(value)) {
      found.push({ component, holder: `${holder}, ${describeResource(resource)}`, path: [...path], storageClass: value });
    }
  });
  return found;
}

function valuesReferences(component: string, holder: string, values: Readonly<Record<string, unknown>>): StorageClassReference[] {
  const found: StorageClassReference[] = [];
  walk(values, (key, value, path) => {
    if (classKeys.has(key) && namesAClass(value)) found.push({ component, holder, path: [...path], storageClass: value });
  });
  return found;
}

/** Every StorageClass name a component writes: in its objects (stages and shared trees) and in its releases' Helm values. */
export function storageClassReferences(component: Component): StorageClassReference[] {
  const trees = [
    ...component.stages.map((stage) => ({ label: `stage ${showValue(stage.name)}`, releases: stage.releases ?? [], resources: stage.resources })),
    ...(component.shared ?? []).map((tree) => ({ label: `${tree.type} ${showValue(tree.name)}`, releases: tree.releases ?? [], resources: tree.resources })),
  ];
  return trees.flatMap(({ label, releases, resources }) => [
    ...releases.flatMap((release) => valuesReferences(component.name, `${label}, HelmRelease ${release.name} values`, release.values ?? {})),
    ...resources.flatMap((resource) => resourceReferences(component.name, label, resource)),
  ]);
}

/** The StorageClasses of a cluster and who provides each: its components' StorageClass objects, static PersistentVolumes and declared capabilities, then the inventory's `external.storageClasses`. */
export function clusterStorageClasses({ components, inventory }: Pick<ComposedCluster, "components" | "inventory">): Map<string, string> {
  const providers = new Map<string, string>();
  const add = (name: string | undefined, provider: string): void => {
    if (name && !providers.has(name)) providers.set(name, provider);
  };
  for (const component of components) {
    const resources = [...component.stages.flatMap((stage) => stage.resources), ...(component.shared ?? []).flatMap((tree) => tree.resources)];
    for (const resource of resources) {
      if (isStorageClass(resource)) add(resource.metadata?.name, `component ${showValue(component.name)}`);
      if (isPersistentVolume(resource)) {
        const spec = (resource as { spec?: { storageClassName?: unknown } }).spec;
        if (typeof spec?.storageClassName === "string") add(spec.storageClassName, `component ${showValue(component.name)}`);
      }
    }
    for (const capability of component.provides ?? []) {
      if (typeof capability === "object") add(capability.storageClass, `component ${showValue(component.name)}`);
    }
  }
  for (const name of inventory.external.storageClasses ?? []) add(name, "inventory external.storageClasses");
  return providers;
}

/**
 * Every StorageClass a component names exists in the same cluster. The PersistentVolume
 * controller provisions a claim only through an existing class: `findProvisionablePlugin`
 * (kubernetes pkg/controller/volume/persistentvolume/pv_controller.go) gets the claim's class from
 * the StorageClass lister and fails on "not found", so the claim stays Pending (a static
 * PersistentVolume of that class would bind it instead, hence those count as providers too), and
 * with it the database, broker or registry that waits for its volume. Rook's bucket provisioner
 * resolves an ObjectBucketClaim's class the same way.
 */
export const storageClassesExist: CompositionRule = (cluster) => {
  const providers = clusterStorageClasses(cluster);
  const known =
    providers.size === 0
      ? "the cluster has none"
      : `the cluster has ${[...providers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, provider]) => `${showValue(name)} (${provider})`).join(", ")}`;
  return cluster.components.flatMap((component) =>
    storageClassReferences(component)
      .filter((reference) => !providers.has(reference.storageClass))
      .map(
        (reference) =>
          `cluster ${showValue(cluster.name)}, component ${showValue(reference.component)}, ${reference.holder}: ${formatPath(reference.path)} names StorageClass ${showValue(reference.storageClass)}, which no component of the cluster provides and the inventory does not list in external.storageClasses (${known})`,
      ),
  );
};
