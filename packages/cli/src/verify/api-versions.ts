import { apiVersionOf, at, groupOf, kindOf, textAt } from "./objects.js";

/**
 * The `--api-versions` a set of CustomResourceDefinitions adds to a cluster: for every served
 * version, `group/version` and `group/version/Kind`, as the API server's discovery lists them and
 * Helm's `.Capabilities.APIVersions.Has` looks them up (helm pkg/chart/common/capabilities.go,
 * VersionSet.Has). The built-in APIs of the Kubernetes version are not listed here: Helm adds its
 * own set (client-go's scheme of the Kubernetes minor it is built with: v1.35 for Helm 4.1) to
 * whatever `--api-versions` gives, which matches the clusters' v1.35.
 */
export function crdApiVersions(objects: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const doc of objects) {
    if (kindOf(doc) !== "CustomResourceDefinition" || groupOf(apiVersionOf(doc)) !== "apiextensions.k8s.io") continue;
    const group = textAt(doc, "spec", "group");
    const kind = textAt(doc, "spec", "names", "kind");
    const versions = at(doc, "spec", "versions");
    if (group === undefined || kind === undefined || !Array.isArray(versions)) continue;
    for (const version of versions) {
      const name = textAt(version, "name");
      if (name === undefined || at(version, "served") === false) continue;
      found.add(`${group}/${name}`);
      found.add(`${group}/${name}/${kind}`);
    }
  }
  return [...found].sort();
}

/** True when a document is a CustomResourceDefinition. */
export const isCrd = (doc: unknown): boolean => kindOf(doc) === "CustomResourceDefinition" && groupOf(apiVersionOf(doc)) === "apiextensions.k8s.io";
