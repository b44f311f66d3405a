/**
 * Where a Helm chart comes from. OCI charts become an OCIRepository referenced by
 * `chartRef`; classic repositories become a HelmRepository and a `chart.spec`.
 * One object per chart, declared once next to its component: the Flux sources and the
 * bootstrap helmfile both read it, so a version is written in exactly one place.
 */
export type ChartSource = OciChart | RepositoryChart;

export interface OciChart {
  readonly type: "oci";
  /** Chart name (the last path segment of the OCI URL). */
  readonly name: string;
  /** `oci://registry/path/<name>` */
  readonly url: string;
  readonly version: string;
  /** Verify the artifact's cosign signature (charts whose publishers sign them). */
  readonly cosign?: boolean;
}

export interface RepositoryChart {
  readonly type: "repository";
  readonly name: string;
  /** HTTPS Helm repository URL. */
  readonly repository: string;
  /** Name of the HelmRepository object. */
  readonly repositoryName: string;
  readonly version: string;
}

export function ociChart(url: string, version: string, options: { cosign?: boolean } = {}): OciChart {
  const name = url.split("/").pop() ?? url;
  return { type: "oci", name, url, version, ...(options.cosign ? { cosign: true } : {}) };
}

export function repositoryChart(repositoryName: string, repository: string, name: string, version: string): RepositoryChart {
  return { type: "repository", name, repository, repositoryName, version };
}

/** The address helmfile and `helm` use for the chart. */
export function chartAddress(chart: ChartSource): string {
  return chart.type === "oci" ? chart.url : `${chart.repositoryName}/${chart.name}`;
}
