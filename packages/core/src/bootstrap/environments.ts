/**
 * The bootstrap helmfiles are shared by all clusters: one helmfile environment per cluster,
 * chosen with `helmfile -e <cluster>`. Helmfile v1 renders Go templates in a plain `.yaml` state
 * file only inside release fields (name, namespace, chart, version, needs, values paths) and hook
 * arguments, with `.Environment` available. These helpers write a per-cluster string as plainly
 * as possible in that template language.
 */

/** The template expression of the selected helmfile environment (= cluster name). */
export const environmentName = "{{ .Environment.Name }}";

const quote = (value: string): string => JSON.stringify(value);

function assertTemplateFree(value: string): void {
  if (value.includes("{{") || value.includes("}}")) {
    throw new Error(`[bug] a bootstrap value contains template delimiters: ${value}`);
  }
}

/** Replaces path segments equal to the cluster name by the environment name. */
function withEnvironmentSegments(cluster: string, value: string): string {
  return value
    .split("/")
    .map((segment) => (segment === cluster ? environmentName : segment))
    .join("/");
}

/**
 * One string for all environments, given each cluster's value (in estate order):
 * - the value itself when every cluster has the same one;
 * - the value with `{{ .Environment.Name }}` when it differs only in path segments naming the cluster
 *   (`../clusters/infra/x.yaml`, `../clusters/apps/x.yaml` -> `../clusters/{{ .Environment.Name }}/x.yaml`);
 * - otherwise an `if eq .Environment.Name ...` switch whose `else` branch also covers environments
 *   absent from the map (releases a cluster does not run are disabled there, but helmfile still
 *   renders their fields, which must not come out empty).
 */
export function perEnvironment(values: ReadonlyMap<string, string>): string {
  const entries = [...values.entries()];
  if (entries.length === 0) throw new Error("[bug] perEnvironment needs at least one cluster");
  for (const [, value] of entries) assertTemplateFree(value);
  const distinct = [...new Set(entries.map(([, value]) => value))];
  if (distinct.length === 1) return distinct[0]!;
  const unified = [...new Set(entries.map(([cluster, value]) => withEnvironmentSegments(cluster, value)))];
  if (unified.length === 1) return unified[0]!;
  const groups = distinct.map((value) => ({ value, clusters: entries.filter(([, v]) => v === value).map(([cluster]) => cluster) }));
  const last = groups.pop()!;
  const branches = groups.map(
    (group, index) => `{{ ${index === 0 ? "if" : "else if"} eq .Environment.Name ${group.clusters.map(quote).join(" ")} }}${group.value}`,
  );
  return `${branches.join("")}{{ else }}${last.value}{{ end }}`;
}
