import type { Resource } from "../component/index.js";

/**
 * File names for a stage's resources: `<kind>.yaml` when the kind occurs once in the stage,
 * `<kind>-<name>.yaml` otherwise (and always for Kustomization resources). Sorted, so the kustomization lists them in a stable order.
 */
export function resourceFileNames(resources: readonly Resource[]): { file: string; resource: Resource }[] {
  const kindCount = new Map<string, number>();
  for (const r of resources) kindCount.set(r.kind, (kindCount.get(r.kind) ?? 0) + 1);
  const named = resources.map((resource) => {
    const kind = resource.kind.toLowerCase();
    const name = resource.metadata?.name ?? "unnamed";
    const ns = resource.metadata?.namespace;
    // A Flux Kustomization resource must never take the name of the folder's kustomization.yaml.
    const base = kindCount.get(resource.kind) === 1 && kind !== "kustomization" ? kind : `${kind}-${name}`;
    return { base, ns, resource };
  });
  const baseCount = new Map<string, number>();
  for (const n of named) baseCount.set(n.base, (baseCount.get(n.base) ?? 0) + 1);
  return named
    .map(({ base, ns, resource }) => ({ file: `${(baseCount.get(base) ?? 0) > 1 && ns ? `${base}-${ns}` : base}.yaml`, resource }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
