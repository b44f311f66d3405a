import { at, kindOf, nameOf, textAt } from "./objects.js";
import type { TreeFile } from "./tree.js";
import { yamlDocuments } from "./tree.js";

/** A chart version the tree pins, with where to pull it from. */
export interface ChartPin {
  readonly chart: string;
  readonly version: string;
  /** `oci://registry/path/chart` for OCI charts, else the Helm repository URL. */
  readonly source: string;
  readonly oci: boolean;
  /** File that pins it. */
  readonly file: string;
}

/**
 * Every chart pin of a generated tree: Flux OCIRepository tags and HelmRelease chart versions (with
 * their HelmRepository's URL, found by name anywhere in the tree) and the bootstrap helmfile
 * releases. Sorted and without duplicates (the first file that pins it wins).
 */
export function chartPins(files: readonly TreeFile[]): ChartPin[] {
  const pins = new Map<string, ChartPin>();
  const add = (pin: ChartPin): void => {
    const key = `${pin.chart} ${pin.version} ${pin.source}`;
    if (!pins.has(key)) pins.set(key, pin);
  };
  const parsed = files.filter((f) => /\.ya?ml$/.test(f.path)).map((file) => ({ file, docs: yamlDocuments(file.content) }));
  const repositories = parsed.flatMap(({ docs }) => docs.filter((d) => kindOf(d) === "HelmRepository"));
  for (const { file, docs } of parsed) {
    for (const doc of docs) {
      const url = textAt(doc, "spec", "url");
      if (kindOf(doc) === "OCIRepository" && url !== undefined) {
        add({ chart: url.split("/").pop()!, version: textAt(doc, "spec", "ref", "tag") ?? "", source: url, oci: true, file: file.path });
      }
      const spec = at(doc, "spec", "chart", "spec");
      const chart = textAt(spec, "chart");
      if (kindOf(doc) === "HelmRelease" && chart !== undefined) {
        const repository = repositories.find((d) => nameOf(d) === textAt(spec, "sourceRef", "name"));
        const repositoryUrl = textAt(repository, "spec", "url") ?? "";
        const oci = textAt(repository, "spec", "type") === "oci";
        add({ chart, version: textAt(spec, "version") ?? "", source: oci ? `${repositoryUrl.replace(/\/+$/, "")}/${chart}` : repositoryUrl, oci, file: file.path });
      }
      const releases = at(doc, "releases");
      for (const release of Array.isArray(releases) ? releases : []) {
        const source = textAt(release, "chart") ?? "";
        add({ chart: source.split("/").pop()!, version: textAt(release, "version") ?? "", source, oci: source.startsWith("oci://"), file: file.path });
      }
    }
  }
  return [...pins.values()].sort((a, b) => (a.chart === b.chart ? a.version.localeCompare(b.version) : a.chart.localeCompare(b.chart)));
}
